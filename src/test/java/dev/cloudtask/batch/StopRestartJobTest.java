package dev.cloudtask.batch;

import static dev.cloudtask.testkit.batch.BatchJobs.operator;
import static dev.cloudtask.testkit.batch.BatchJobs.restart;
import static dev.cloudtask.testkit.batch.BatchJobs.start;
import static dev.cloudtask.testkit.batch.BatchJobs.step;
import static dev.cloudtask.testkit.batch.BatchJobs.stepNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import dev.cloudtask.testkit.Endpoint;
import dev.cloudtask.testkit.InjectedFault;
import dev.cloudtask.testkit.JournalEntry;
import dev.cloudtask.testkit.Timeline;
import dev.cloudtask.testkit.batch.BatchJobs;
import dev.cloudtask.testkit.batch.SimBatch;
import dev.cloudtask.testkit.batch.WithJBatch;
import jakarta.batch.runtime.BatchStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stop and restart on the jbatch runtime with the real engine and the simulator, in virtual time.
 * Strategy: let the
 * step poll at least once, then stop the job (or let the wait time out), restart it, and check with
 * the simulator's journal that the restarted step polls the same task and that the operation was
 * submitted exactly once.
 */
@WithJBatch
class StopRestartJobTest {
    static SimBatch batch;

    private static TaskRef longTask() {
        return batch.simulator().createTask(CloudService.DWS, Timeline.builder().duration(Duration.ofHours(6)).build());
    }

    @Test
    void stop_whileWaiting_stepStoppedWithExitStoppedAndWaitEnded() {
        TaskRef ref = longTask();
        long id = start("await-stop", Map.of("tasks", ref.asString()));
        batch.runUntil("a poll of " + ref, () -> batch.polls(ref) >= 1);

        operator().stop(id);

        assertEquals(BatchStatus.STOPPED, batch.runToEnd(id).getBatchStatus());
        assertEquals(BatchStatus.STOPPED, step(id, "awaitNode").getBatchStatus());
        assertEquals("STOPPED", step(id, "awaitNode").getExitStatus());
        assertEquals(0, batch.activeWaits(), "the engine forgot the wait");
    }

    @Test
    void stop_whileStatusRequestHangs_stepStoppedWithoutWaitingForTheRequest() throws Exception {
        TaskRef ref = longTask();
        batch.simulator().faults().forTask(ref.taskId()).always(InjectedFault.hang());
        long id = start("await-stop", Map.of("tasks", ref.asString()));
        batch.awaitWaits(1);
        // virtual time stands still while the request hangs, so it is moved on another thread
        CompletableFuture<Void> mover = CompletableFuture.runAsync(() -> batch.virtualTime().advance(
                Duration.ofMinutes(1)));
        BatchJobs.awaitCondition("a hanging poll of " + ref, () -> batch.polls(ref) >= 1);

        operator().stop(id);

        assertEquals(BatchStatus.STOPPED, BatchJobs.awaitEnd(id).getBatchStatus());
        assertEquals("STOPPED", step(id, "awaitNode").getExitStatus());
        assertEquals(0, batch.activeWaits());
        List<JournalEntry> polls = batch.requests(Endpoint.POLL);
        assertEquals(1, polls.size(), "one request: " + polls);
        assertEquals(0, polls.get(0).status(), "no response was sent");
        mover.get(SimBatch.READ_TIMEOUT.multipliedBy(6).toSeconds(), TimeUnit.SECONDS); // the abandoned request ended
    }

    @Test
    void stopThenRestart_submitThenAwait_resumesPollingSameTaskWithOneSubmission() {
        Map<String, String> params = Map.of("duration", "1h");
        long first = start("submit-then-await", params);
        batch.runUntil("the await step polling", () -> batch.simulator().journal().totalPolls() >= 1);
        String taskId = batch.submittedTaskIds().get(0);
        operator().stop(first);
        assertEquals(BatchStatus.STOPPED, batch.runToEnd(first).getBatchStatus());
        assertEquals(BatchStatus.STOPPED, step(first, "awaitTask").getBatchStatus());
        long pollsBefore = batch.simulator().journal().counters(taskId).polls();

        long second = restart(first, params);

        assertEquals(BatchStatus.COMPLETED, batch.runToEnd(second).getBatchStatus());
        assertEquals("SUCCEEDED", step(second, "awaitTask").getExitStatus());
        assertEquals(List.of("awaitTask"), stepNames(second), "the completed submit step is not run again");
        assertEquals(List.of(taskId), batch.submittedTaskIds(), "exactly one submission");
        assertTrue(batch.simulator().journal().counters(taskId).polls() > pollsBefore, "the restart polled the same task");
        assertEquals(batch.simulator().journal().totalPolls(), batch.simulator().journal().counters(taskId).polls(),
                "no other task was polled");
    }

    @Test
    void restartAfterFailure_waitTimedOut_restartWaitsOnSameTaskAndCompletesWithOneSubmission() {
        long first = start("submit-then-await", Map.of("duration", "1h", "timeout", "30s"));
        assertEquals(BatchStatus.FAILED, batch.runToEnd(first).getBatchStatus());
        assertEquals("TIMED_OUT", step(first, "awaitTask").getExitStatus());
        String taskId = batch.submittedTaskIds().get(0);
        long pollsBefore = batch.simulator().journal().counters(taskId).polls();

        long second = restart(first, Map.of("duration", "1h", "timeout", "6h"));

        assertEquals(BatchStatus.COMPLETED, batch.runToEnd(second).getBatchStatus());
        assertEquals(List.of("awaitTask"), stepNames(second));
        assertEquals(List.of(taskId), batch.submittedTaskIds(), "exactly one submission");
        assertTrue(batch.simulator().journal().counters(taskId).polls() > pollsBefore);
    }
}
