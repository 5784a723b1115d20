package dev.cloudtask.internal;

import dev.cloudtask.AwaitHandle;
import dev.cloudtask.AwaitOutcome;
import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.CloudTaskAwaiter;
import dev.cloudtask.ProgressEvent;
import dev.cloudtask.TaskRef;
import dev.cloudtask.testkit.ScriptedSource;
import dev.cloudtask.testkit.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/** One engine on a virtual scheduler with a scripted source; shared by the engine tests. */
final class EngineFixture {
    static final TaskRef REF = TaskRef.dcs("proj1", "inst1", "task1");
    /** No first-poll jitter (initial delay 0), 5s growing x2 up to 20s, 10 min timeout, budget 3. */
    static final AwaitPolicy POLICY = AwaitPolicy.ofDefaults()
            .withInitialDelay(Duration.ZERO)
            .withFirstInterval(Duration.ofSeconds(5))
            .withGrowth(2.0)
            .withMaxInterval(Duration.ofSeconds(20))
            .withTimeout(Duration.ofMinutes(10))
            .withErrorBudget(3)
            .withNotFoundGrace(Duration.ofSeconds(30));

    final VirtualScheduler time = new VirtualScheduler();
    final Instant start = time.now();
    final ScriptedSource source = new ScriptedSource(time.clock());
    final List<ProgressEvent> events = new ArrayList<>();
    final PollingEngine engine;

    EngineFixture() {
        this(b -> b);
    }

    EngineFixture(UnaryOperator<CloudTaskAwaiter.Builder> tweak) {
        engine = (PollingEngine) tweak.apply(CloudTaskAwaiter.builder(source).scheduler(time).clock(time.clock())
                .random(new Random(42))).build();
    }

    AwaitHandle start(AwaitPolicy policy) {
        return start(REF, policy);
    }

    AwaitHandle start(TaskRef ref, AwaitPolicy policy) {
        return start(ref, start, policy);
    }

    /** Starts a wait on a task submitted at {@code submittedAt} (the wait itself starts now). */
    AwaitHandle start(TaskRef ref, Instant submittedAt, AwaitPolicy policy) {
        AwaitHandle h = engine.start(ref, submittedAt, policy, events::add);
        time.runDue();
        return h;
    }

    /** Runs virtual time until the wait has ended (at most one day) and returns the outcome. */
    AwaitOutcome finish(AwaitHandle h) {
        boolean done = time.runUntil(() -> h.outcome().toCompletableFuture().isDone(), Duration.ofDays(1));
        if (!done) {
            throw new AssertionError("the wait did not end within a virtual day");
        }
        return h.outcome().toCompletableFuture().join();
    }

    boolean ended(AwaitHandle h) {
        return h.outcome().toCompletableFuture().isDone();
    }

    double secondsSinceStart() {
        return Duration.between(start, time.now()).toMillis() / 1000.0;
    }

    List<Double> fetchSeconds() {
        return source.fetchSeconds(start);
    }
}
