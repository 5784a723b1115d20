package dev.cloudtask.batch;

import static dev.cloudtask.batch.BatchJobs.awaitCondition;
import static dev.cloudtask.batch.BatchJobs.awaitEnd;
import static dev.cloudtask.batch.BatchJobs.operator;
import static dev.cloudtask.batch.BatchJobs.restart;
import static dev.cloudtask.batch.BatchJobs.start;
import static dev.cloudtask.batch.BatchJobs.step;
import static dev.cloudtask.batch.BatchJobs.stepNames;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cloudtask.AwaitOutcome;
import dev.cloudtask.TaskRef;
import jakarta.batch.runtime.BatchStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stop and restart on the jbatch runtime. Strategy: let the step start waiting, then stop the job
 * (or let the wait time out in virtual time), restart it, and check that the restarted step waits
 * for the same task and that the submit step never ran twice.
 */
class StopRestartJobTest {
    private final FakeCloud cloud = FakeCloud.get();

    @BeforeEach
    void reset() {
        cloud.reset();
    }

    @Test
    void stop_whileWaiting_stepStoppedAtOnceWithExitStopped() {
        TaskRef ref = cloud.create("long-1");
        long id = start("await-stop", Map.of("tasks", ref.asString()));
        awaitCondition("a wait on " + ref, () -> cloud.waitsFor(ref).size() == 1);

        operator().stop(id);

        assertEquals(BatchStatus.STOPPED, awaitEnd(id).getBatchStatus());
        assertEquals(BatchStatus.STOPPED, step(id, "awaitNode").getBatchStatus());
        assertEquals("STOPPED", step(id, "awaitNode").getExitStatus());
        assertEquals(AwaitOutcome.Kind.STOPPED, cloud.outcomes().get(0).kind());
        assertEquals(0, cloud.activeWaits());
    }

    @Test
    void stop_whileStatusRequestHangs_stepStoppedAtOnce() {
        TaskRef ref = cloud.create("hang-1");
        cloud.hang(ref);
        long id = start("await-stop", Map.of("tasks", ref.asString()));
        awaitCondition("a wait on " + ref, () -> cloud.waitsFor(ref).size() == 1);

        operator().stop(id);

        assertEquals(BatchStatus.STOPPED, awaitEnd(id).getBatchStatus());
        assertEquals("STOPPED", step(id, "awaitNode").getExitStatus());
        assertEquals(List.of(AwaitOutcome.Kind.STOPPED), cloud.outcomes().stream().map(AwaitOutcome::kind).toList());
    }

    @Test
    void stopThenRestart_submitThenAwait_resumesWaitingOnSameTaskWithoutSecondSubmission() {
        long first = start("submit-then-await", Map.of());
        awaitCondition("the await step waiting", () -> cloud.activeWaits() == 1);
        TaskRef ref = cloud.submitted().get(0);
        operator().stop(first);
        assertEquals(BatchStatus.STOPPED, awaitEnd(first).getBatchStatus());
        assertEquals(BatchStatus.STOPPED, step(first, "awaitTask").getBatchStatus());

        long second = restart(first, Map.of());
        awaitCondition("the restarted wait", () -> cloud.starts(ref) == 2 && cloud.activeWaits() == 1);
        cloud.succeed(ref);

        assertEquals(BatchStatus.COMPLETED, awaitEnd(second).getBatchStatus());
        assertEquals("SUCCEEDED", step(second, "awaitTask").getExitStatus());
        assertEquals(List.of("awaitTask"), stepNames(second), "the completed submit step is not run again");
        assertEquals(1, cloud.submissions());
    }

    @Test
    void restartAfterFailure_waitTimedOut_restartWaitsOnSameTaskAndCompletes() {
        Map<String, String> params = Map.of("timeout", "30s");
        long first = start("submit-then-await", params);
        awaitCondition("the await step waiting", () -> cloud.activeWaits() == 1);
        TaskRef ref = cloud.submitted().get(0);
        cloud.advance(Duration.ofSeconds(30));
        assertEquals(BatchStatus.FAILED, awaitEnd(first).getBatchStatus());
        assertEquals("TIMED_OUT", step(first, "awaitTask").getExitStatus());

        long second = restart(first, params);
        awaitCondition("the restarted wait", () -> cloud.starts(ref) == 2 && cloud.activeWaits() == 1);
        cloud.succeed(ref);

        assertEquals(BatchStatus.COMPLETED, awaitEnd(second).getBatchStatus());
        assertEquals(List.of("awaitTask"), stepNames(second));
        assertEquals(1, cloud.submissions());
    }
}
