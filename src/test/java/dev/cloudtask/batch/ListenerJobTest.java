package dev.cloudtask.batch;

import static dev.cloudtask.testkit.batch.BatchJobs.operator;
import static dev.cloudtask.testkit.batch.BatchJobs.restart;
import static dev.cloudtask.testkit.batch.BatchJobs.start;
import static dev.cloudtask.testkit.batch.BatchJobs.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.TaskState;
import dev.cloudtask.testkit.batch.SimBatch;
import dev.cloudtask.testkit.batch.WithJBatch;
import jakarta.batch.runtime.BatchStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The awaitCloudTaskListener with the real engine and the simulator: the step's own artifact
 * submits through the simulator's operation endpoint and publishes; the listener waits in afterStep
 * and maps the outcome onto the step like the batchlet does.
 */
@WithJBatch
class ListenerJobTest {
    static SimBatch batch;

    @BeforeEach
    void forgetRecordedEvents() {
        ProgressRecorder.clear();
    }

    @Test
    void listener_publishedTaskSucceeds_stepCompletedWithExitSucceededAndProgressEvents() {
        long id = start("listener", Map.of("duration", "20m", "timeout", "2h"));

        assertEquals(BatchStatus.COMPLETED, batch.runToEnd(id).getBatchStatus());
        assertEquals("SUCCEEDED", step(id, "submitAndWait").getExitStatus());
        List<String> submitted = batch.submittedTaskIds();
        assertEquals(1, submitted.size());
        assertTrue(ProgressRecorder.EVENTS.stream().anyMatch(e -> e.ref().taskId().equals(submitted.get(0))
                && e.current().state() == TaskState.SUCCEEDED), ProgressRecorder.EVENTS.toString());
    }

    @Test
    void listener_publishedTaskFails_stepFailedWithRemoteCode() {
        long id = start("listener", Map.of("duration", "20m", "timeout", "2h", "failCode", "DWS.0001"));

        assertEquals(BatchStatus.FAILED, batch.runToEnd(id).getBatchStatus());
        assertEquals(BatchStatus.FAILED, step(id, "submitAndWait").getBatchStatus());
        assertEquals("FAILED:DWS.0001", step(id, "submitAndWait").getExitStatus());
    }

    @Test
    void listener_timeoutThenRestart_artifactDoesNotSubmitAgainAndListenerWaitsOnSameTask() {
        long first = start("listener", Map.of("duration", "1h", "timeout", "30s"));
        assertEquals(BatchStatus.FAILED, batch.runToEnd(first).getBatchStatus());
        assertEquals("TIMED_OUT", step(first, "submitAndWait").getExitStatus());
        String taskId = batch.submittedTaskIds().get(0);
        long pollsBefore = batch.simulator().journal().counters(taskId).polls();

        long second = restart(first, Map.of("duration", "1h", "timeout", "2h"));

        assertEquals(BatchStatus.COMPLETED, batch.runToEnd(second).getBatchStatus());
        assertEquals(List.of(taskId), batch.submittedTaskIds(), "exactly one submission");
        assertTrue(batch.simulator().journal().counters(taskId).polls() > pollsBefore);
    }

    @Test
    void listener_stopWhileWaiting_stepStoppedAndWaitEnded() {
        long id = start("listener", Map.of("duration", "6h", "timeout", "12h"));
        batch.runUntil("the listener polling", () -> batch.simulator().journal().totalPolls() >= 1);

        operator().stop(id);

        assertEquals(BatchStatus.STOPPED, batch.runToEnd(id).getBatchStatus());
        assertEquals(0, batch.activeWaits());
    }
}
