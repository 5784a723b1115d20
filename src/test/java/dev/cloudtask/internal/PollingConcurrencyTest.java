package dev.cloudtask.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.AwaitHandle;
import dev.cloudtask.AwaitOutcome;
import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.CloudTaskAwaiter;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskState;
import dev.cloudtask.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Real threads: answers arrive on a foreign thread while waits are stopped from another, on the
 * engine's own pool. Strategy: every outcome must complete (a deadlock would not) and be STOPPED
 * or the task's end; time is real because the races are the point.
 */
class PollingConcurrencyTest {

    @Test
    void stopWhileAnswersArrive_manyWaitsOnRealThreads_everyOutcomeCompletesOnce() throws Exception {
        ExecutorService network = Executors.newFixedThreadPool(2);
        AtomicInteger calls = new AtomicInteger();
        CloudTaskAwaiter engine = CloudTaskAwaiter.builder(ref -> CompletableFuture.supplyAsync(() -> {
            int n = calls.incrementAndGet();
            return n % 7 == 0 ? TaskStatus.of(TaskState.SUCCEEDED, "SUCCESS") : TaskStatus.of(TaskState.RUNNING, "RUNNING");
        }, network)).rateLimit(0, 0).build();
        AwaitPolicy fast = AwaitPolicy.ofDefaults().withInitialDelay(Duration.ZERO)
                .withFirstInterval(Duration.ofMillis(1)).withMaxInterval(Duration.ofMillis(5));
        List<AwaitHandle> handles = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            // every fifth wait shares its reference with the one before
            handles.add(engine.start(TaskRef.dws("p", "job" + (i - (i % 5 == 4 ? 1 : 0))), null, fast, e -> { }));
        }
        for (AwaitHandle h : handles) {
            h.stop();
        }
        int stopped = 0;
        for (AwaitHandle h : handles) {
            AwaitOutcome o = h.outcome().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertTrue(o.kind() == AwaitOutcome.Kind.STOPPED || o.kind() == AwaitOutcome.Kind.SUCCEEDED, o.toString());
            stopped += o.kind() == AwaitOutcome.Kind.STOPPED ? 1 : 0;
        }
        assertTrue(stopped > 0);
        engine.close();
        network.shutdownNow();
    }
}
