package dev.cloudtask.reliability;

import dev.cloudtask.AwaitHandle;
import dev.cloudtask.AwaitOutcome;
import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.CloudTaskAwaiter;
import dev.cloudtask.ProgressListener;
import dev.cloudtask.TaskRef;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The awaiter the batch artifacts get in the reliability benchmarks: the library's awaiter set
 * by the program before the first job starts ({@link #use}), wrapped to record every outcome by task.
 * Only active when the JVM runs with {@code -D}{@value #PROPERTY}{@code =true}
 * ({@link RealEngineExtension}); the test suite uses the test kit's wiring ({@code SimBatch}).
 */
public final class RealEngine implements CloudTaskAwaiter {
    /** System property that switches the batch artifacts to the real engine. */
    public static final String PROPERTY = "cloudtask.realEngine";

    private static volatile CloudTaskAwaiter delegate;
    private static final Map<TaskRef, AwaitOutcome> OUTCOMES = new ConcurrentHashMap<>();
    private static final AtomicInteger STARTED = new AtomicInteger();

    static final RealEngine INSTANCE = new RealEngine();

    private RealEngine() {
    }

    /** Routes the batch artifacts' waits to {@code awaiter} (the caller keeps ownership and closes it). */
    public static void use(CloudTaskAwaiter awaiter) {
        System.setProperty(PROPERTY, "true");
        delegate = Objects.requireNonNull(awaiter, "awaiter");
    }

    /** Outcomes recorded so far, by task (the last one for a task waited for twice). */
    public static Map<TaskRef, AwaitOutcome> outcomes() {
        return OUTCOMES;
    }

    /** Waits started so far. */
    public static int started() {
        return STARTED.get();
    }

    @Override
    public AwaitHandle start(TaskRef ref, Instant submittedAt, AwaitPolicy policy, ProgressListener listener) {
        CloudTaskAwaiter d = delegate;
        if (d == null) {
            throw new IllegalStateException("RealEngine.use(...) was not called before the job started");
        }
        STARTED.incrementAndGet();
        AwaitHandle h = d.start(ref, submittedAt, policy, listener);
        h.outcome().thenAccept(o -> OUTCOMES.put(ref, o));
        return h;
    }

    @Override
    public int activeWaits() {
        CloudTaskAwaiter d = delegate;
        return d == null ? 0 : d.activeWaits();
    }

    /** No-op: the program that called {@link #use} closes the engine. */
    @Override
    public void close() {
    }
}
