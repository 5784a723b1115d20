package dev.cloudtask.internal;

import dev.cloudtask.AwaitHandle;
import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.CloudTaskAwaiter;
import dev.cloudtask.ProgressListener;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskStatusSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The await engine: any number of concurrent waits on one shared scheduler. Users build it with
 * {@link CloudTaskAwaiter#builder} (through {@link EngineFactory}).
 *
 * <p>A wait is an object ({@link PollingWait}) with timers on the scheduler; the progress requests
 * are the {@link TaskStatusSource}'s asynchronous stages. Requests go through a token bucket per
 * service and project ({@link RateLimiter}) and the waits for one task reference share their
 * polls ({@link SameTaskWaits}). The engine reads time only from its {@link Clock} and waits only through
 * its {@link ScheduledExecutorService}, so a test gives it a virtual clock and scheduler and the
 * same code runs in virtual time.
 */
final class PollingEngine implements CloudTaskAwaiter {
    private static final Logger LOG = Logger.getLogger(PollingEngine.class.getName());

    /**
     * The longest retry delay after errors, 429s without Retry-After and 404s in the grace period
     * (also bounded by the policy's {@code maxInterval}).
     */
    static final Duration MAX_ERROR_BACKOFF = Duration.ofMinutes(1);

    private final TaskStatusSource source;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final Clock clock;
    private final Random random;
    private final RateLimiter limiter;
    private final SameTaskWaits sameTask;
    private final IntervalStrategy intervals;
    private final Duration requestTimeout;
    private final Set<PollingWait> live = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param scheduler the shared scheduler, or null for an own daemon pool that {@link #close()} ends
     * @param requestsPerSecond the token bucket's rate per service and project, 0 for none
     */
    PollingEngine(TaskStatusSource source, ScheduledExecutorService scheduler, Clock clock, Random random,
            double requestsPerSecond, int burst, Duration requestTimeout, IntervalStrategy intervals) {
        this.source = Objects.requireNonNull(source, "source");
        this.ownsScheduler = scheduler == null;
        this.scheduler = ownsScheduler ? daemonPool() : scheduler;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.limiter = new RateLimiter(requestsPerSecond, burst);
        this.sameTask = new SameTaskWaits(source, clock);
        this.intervals = Objects.requireNonNull(intervals, "intervals");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the engine is closed
     */
    @Override
    public AwaitHandle start(TaskRef ref, Instant submittedAt, AwaitPolicy policy, ProgressListener listener) {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(policy, "policy");
        if (closed) {
            throw new IllegalStateException("the await engine is closed; cannot wait for " + ref);
        }
        PollingWait wait = new PollingWait(this, ref, submittedAt, policy, listener);
        live.add(wait);
        wait.outcome().whenComplete((o, e) -> live.remove(wait));
        wait.begin();
        if (closed) {
            wait.stop();
        }
        return wait;
    }

    @Override
    public int activeWaits() {
        return live.size();
    }

    @Override
    public void close() {
        closed = true;
        for (PollingWait w : new ArrayList<>(live)) {
            w.stop();
        }
        if (ownsScheduler) {
            scheduler.shutdownNow();
            try {
                if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.warning("the await engine's scheduler threads did not end within 5s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ------------------------------------------------------------ for the waits

    /** Runs {@code task} after {@code delay} on the shared scheduler. */
    Future<?> schedule(Runnable task, Duration delay) {
        try {
            return scheduler.schedule(task, saturatedNanos(delay), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            if (!closed) {
                LOG.log(Level.WARNING, "the scheduler rejected a polling step", e);
            }
            throw e;
        }
    }

    /** {@code d} in nanoseconds, at least 0 and at most about 146 years (no overflow). */
    static long saturatedNanos(Duration d) {
        if (d.isNegative()) {
            return 0;
        }
        return d.getSeconds() >= Long.MAX_VALUE / 2_000_000_000L ? Long.MAX_VALUE / 2 : d.toNanos();
    }

    Executor executor() {
        return scheduler;
    }

    long nowNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    Clock clock() {
        return clock;
    }

    Random random() {
        return random;
    }

    RateLimiter limiter() {
        return limiter;
    }

    SameTaskWaits sameTask() {
        return sameTask;
    }

    IntervalStrategy intervals() {
        return intervals;
    }

    Duration requestTimeout() {
        return requestTimeout;
    }

    TaskStatusSource source() {
        return source;
    }

    private static ScheduledExecutorService daemonPool() {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "cloudtask-await-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(CloudTaskAwaiter.Builder.DEFAULT_POOL_THREADS, threads);
        pool.setRemoveOnCancelPolicy(true);
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return pool;
    }
}
