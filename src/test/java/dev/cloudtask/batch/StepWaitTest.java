package dev.cloudtask.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.AwaitOutcome;
import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.ProgressEvent;
import dev.cloudtask.TaskRef;
import dev.cloudtask.testkit.batch.BatchJobs;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The step-thread wait without a batch runtime: relay of progress, stop, interrupt, fan-in. */
class StepWaitTest {
    private final FakeCloud cloud = FakeCloud.get();
    private final List<ProgressEvent> seen = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private StepWait wait;

    @BeforeEach
    void reset() {
        cloud.reset();
        wait = new StepWait(new FakeAwaiter(cloud), e -> {
            seen.add(e);
            threads.add(Thread.currentThread().getName());
        });
    }

    private CompletableFuture<AwaitOutcome> runAsync(List<TaskRef> refs, FanIn mode, AtomicBoolean interrupted) {
        CompletableFuture<AwaitOutcome> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            result.complete(wait.run(refs, null, AwaitPolicy.ofDefaults(), mode, null, null));
            interrupted.set(Thread.currentThread().isInterrupted());
        }, "step-thread");
        t.start();
        return result;
    }

    @Test
    void run_progressThenSuccess_eventsRelayedToStepThreadInOrder() throws Exception {
        TaskRef ref = cloud.create("w1");
        CompletableFuture<AwaitOutcome> result = runAsync(List.of(ref), FanIn.ALL, new AtomicBoolean());
        BatchJobs.awaitCondition("the wait", () -> cloud.activeWaits() == 1);
        cloud.running(ref, 30);
        cloud.succeed(ref);

        assertEquals(AwaitOutcome.Kind.SUCCEEDED, result.get(10, TimeUnit.SECONDS).kind());
        assertEquals(List.of(0, 30, 100), seen.stream().map(e -> e.current().percent()).toList());
        assertTrue(threads.stream().allMatch("step-thread"::equals), threads.toString());
    }

    @Test
    void stop_fromAnotherThread_returnsStoppedAndStopsEveryWait() throws Exception {
        List<TaskRef> refs = List.of(cloud.create("s1"), cloud.create("s2"));
        CompletableFuture<AwaitOutcome> result = runAsync(refs, FanIn.ALL, new AtomicBoolean());
        BatchJobs.awaitCondition("the waits", () -> cloud.activeWaits() == 2);

        wait.stop();

        assertEquals(AwaitOutcome.Kind.STOPPED, result.get(10, TimeUnit.SECONDS).kind());
        assertTrue(wait.stopRequested());
        assertEquals(0, cloud.activeWaits());
    }

    @Test
    void stop_beforeRun_returnsStoppedWithoutWaiting() throws Exception {
        wait.stop();
        AwaitOutcome o = runAsync(List.of(cloud.create("early")), FanIn.ALL, new AtomicBoolean())
                .get(10, TimeUnit.SECONDS);
        assertEquals(AwaitOutcome.Kind.STOPPED, o.kind());
    }

    @Test
    void interrupt_ofStepThread_stopsWaitAndKeepsInterruptFlag() throws Exception {
        TaskRef ref = cloud.create("int1");
        AtomicBoolean interrupted = new AtomicBoolean();
        CompletableFuture<AwaitOutcome> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            result.complete(wait.run(List.of(ref), null, AwaitPolicy.ofDefaults(), FanIn.ALL, null, null));
            interrupted.set(Thread.currentThread().isInterrupted());
        });
        t.start();
        BatchJobs.awaitCondition("the wait", () -> cloud.activeWaits() == 1);
        t.interrupt();
        t.join(TimeUnit.SECONDS.toMillis(10));

        assertEquals(AwaitOutcome.Kind.STOPPED, result.get().kind());
        assertTrue(interrupted.get());
    }

    @Test
    void externalStop_probeTurnsTrue_waitStopped() throws Exception {
        TaskRef ref = cloud.create("probe1");
        AtomicBoolean stopping = new AtomicBoolean();
        CompletableFuture<AwaitOutcome> result = CompletableFuture.supplyAsync(() -> wait.run(List.of(ref), null,
                AwaitPolicy.ofDefaults(), FanIn.ALL, stopping::get, Duration.ofMillis(5)));
        BatchJobs.awaitCondition("the wait", () -> cloud.activeWaits() == 1);
        stopping.set(true);

        assertEquals(AwaitOutcome.Kind.STOPPED, result.get(10, TimeUnit.SECONDS).kind());
    }

    @Test
    void fanInAll_timeoutOfOne_decidesAndStopsOthers() throws Exception {
        List<TaskRef> refs = List.of(cloud.create("a1"), cloud.create("a2"));
        CompletableFuture<AwaitOutcome> result = runAsync(refs, FanIn.ALL, new AtomicBoolean());
        BatchJobs.awaitCondition("the waits", () -> cloud.activeWaits() == 2);
        cloud.succeed(refs.get(0));
        cloud.advance(AwaitPolicy.DEFAULT_TIMEOUT);

        AwaitOutcome o = result.get(10, TimeUnit.SECONDS);
        assertEquals(AwaitOutcome.Kind.TIMED_OUT, o.kind());
        assertEquals(refs.get(1), o.ref());
    }
}
