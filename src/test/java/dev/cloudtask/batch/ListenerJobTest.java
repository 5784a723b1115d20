package dev.cloudtask.batch;

import static dev.cloudtask.batch.BatchJobs.awaitCondition;
import static dev.cloudtask.batch.BatchJobs.awaitEnd;
import static dev.cloudtask.batch.BatchJobs.operator;
import static dev.cloudtask.batch.BatchJobs.restart;
import static dev.cloudtask.batch.BatchJobs.start;
import static dev.cloudtask.batch.BatchJobs.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.TaskRef;
import jakarta.batch.runtime.BatchStatus;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The awaitCloudTaskListener: the step's own artifact submits and publishes, the listener waits in
 * afterStep and maps the outcome onto the step like the batchlet does.
 */
class ListenerJobTest {
    private final FakeCloud cloud = FakeCloud.get();

    @BeforeEach
    void reset() {
        cloud.reset();
        ProgressRecorder.EVENTS.clear();
    }

    @Test
    void listener_publishedTaskSucceeds_stepCompletedWithExitSucceededAndProgress() {
        long id = start("listener", Map.of());
        awaitCondition("the listener waiting", () -> cloud.activeWaits() == 1);
        TaskRef ref = cloud.submitted().get(0);
        cloud.running(ref, 70);
        cloud.succeed(ref);

        assertEquals(BatchStatus.COMPLETED, awaitEnd(id).getBatchStatus());
        assertEquals("SUCCEEDED", step(id, "submitAndWait").getExitStatus());
        assertTrue(ProgressRecorder.EVENTS.stream().anyMatch(e -> e.ref().equals(ref) && Integer.valueOf(70)
                .equals(e.current().percent())));
    }

    @Test
    void listener_publishedTaskFails_stepFailedWithRemoteCode() {
        long id = start("listener", Map.of());
        awaitCondition("the listener waiting", () -> cloud.activeWaits() == 1);
        cloud.fail(cloud.submitted().get(0), "DWS.0001");

        assertEquals(BatchStatus.FAILED, awaitEnd(id).getBatchStatus());
        assertEquals(BatchStatus.FAILED, step(id, "submitAndWait").getBatchStatus());
        assertEquals("FAILED:DWS.0001", step(id, "submitAndWait").getExitStatus());
    }

    @Test
    void listener_timeoutThenRestart_artifactDoesNotSubmitAgainAndListenerWaitsOnSameTask() {
        long first = start("listener", Map.of());
        awaitCondition("the listener waiting", () -> cloud.activeWaits() == 1);
        TaskRef ref = cloud.submitted().get(0);
        cloud.advance(Duration.ofSeconds(30));
        assertEquals(BatchStatus.FAILED, awaitEnd(first).getBatchStatus());
        assertEquals("TIMED_OUT", step(first, "submitAndWait").getExitStatus());

        long second = restart(first, Map.of());
        awaitCondition("the restarted wait", () -> cloud.starts(ref) == 2 && cloud.activeWaits() == 1);
        cloud.succeed(ref);

        assertEquals(BatchStatus.COMPLETED, awaitEnd(second).getBatchStatus());
        assertEquals(1, cloud.submissions());
    }

    @Test
    void listener_stopWhileWaiting_stepStopped() {
        long id = start("listener", Map.of());
        awaitCondition("the listener waiting", () -> cloud.activeWaits() == 1);

        operator().stop(id);

        assertEquals(BatchStatus.STOPPED, awaitEnd(id).getBatchStatus());
        assertEquals(0, cloud.activeWaits());
    }
}
