package dev.cloudtask.testkit;

import dev.cloudtask.client.CloudCalls;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskState;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.client.CloudClients;
import dev.cloudtask.dcs.DcsStatusMapping;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * DCS reports a failure only through a failed step. A failing timeline without named steps used to
 * render as "progress n, no steps" forever, which reads as RUNNING (found by the soak benchmark); it
 * now fails in one implicit step carrying the code and detail.
 */
class DcsFailureWithoutStepsTest {

    @Test
    void dcsTimelineWithoutSteps_failed_rendersFailedStepWithCode() {
        VirtualClock clock = VirtualClock.create();
        try (CloudSimulator sim = CloudSimulator.builder().clock(clock).start()) {
            CloudClients c = CloudClients.builder().endpoint(CloudService.DCS, sim.baseUri()).build();
            TaskRef ref = sim.createTask(CloudService.DCS, Timeline.builder().duration(Duration.ofMinutes(10))
                    .fails("DCS.4242", "disk full", 23).build());
            clock.advance(Duration.ofMinutes(5));
            TaskStatus running = DcsStatusMapping.toStatus(CloudCalls.progress(c.dcs(), ref.projectId(), ref.instanceId(), ref.taskId()));
            assertEquals(TaskState.RUNNING, running.state());
            clock.advance(Duration.ofMinutes(6));
            TaskStatus failed = DcsStatusMapping.toStatus(CloudCalls.progress(c.dcs(), ref.projectId(), ref.instanceId(), ref.taskId()));
            assertEquals(TaskState.FAILED, failed.state());
            assertEquals("DCS.4242", failed.errorCode());
        }
    }
}
