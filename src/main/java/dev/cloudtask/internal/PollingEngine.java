package dev.cloudtask.internal;

import dev.cloudtask.AwaitHandle;
import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.CloudService;
import dev.cloudtask.CloudTaskAwaiter;
import dev.cloudtask.ProgressListener;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskStatusSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;
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
 * The await engine: any number of concurrent waits on one shared scheduler.
 *
 * <p>A wait is an object ({@link PollingWait}) with timers on the scheduler; the progress requests
 * are the {@link TaskStatusSource}'s asynchronous stages. Requests go through a token bucket per
 * service and project ({@link RateLimiter}) and identical task references share one request
 * ({@link SharedFetches}). The engine reads time only from its {@link Clock} and waits only through
 * its {@link ScheduledExecutorService}, so a test gives it a virtual clock and scheduler and the
 * same code runs in virtual time.
 *
 * <pre>{@code
 * try (PollingEngine engine = PollingEngine.builder(source).build()) {
 *     AwaitOutcome o = engine.await(TaskRef.dcs(project, instance, task), AwaitPolicy.ofDefaults());
 * }
 * }</pre>
 */
public final class PollingEngine implements CloudTaskAwaiter {
    private static final Logger LOG = Logger.getLogger(PollingEngine.class.getName());

    /** Default average request rate per service endpoint and project. */
    public static final double DEFAULT_REQUESTS_PER_SECOND = 10.0;
    /** Default number of requests per service endpoint and project that may go at once. */
    public static final int DEFAULT_BURST = 10;
    /** Default time after which an unanswered request counts as a transient error. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Threads of the scheduler the engine creates when none is given. */
    public static final int DEFAULT_POOL_THREADS = 2;

    /**
     * The longest retry delay after errors, 429s without Retry-After and 404s in the grace period
     * (also bounded by the policy's {@code maxInterval}).
     */
    public static final Duration MAX_ERROR_BACKOFF = Duration.ofMinutes(1);

    private final TaskStatusSource source;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final Clock clock;
    private final Random random;
    private final RateLimiter limiter;
    private final SharedFetches fetches;
    private final SameTaskWaits sameTask = new SameTaskWaits();
    private final IntervalStrategy intervals;
    private final Duration requestTimeout;
    private final Map<CloudService, Duration> serviceRequestTimeouts;
    private final Set<PollingWait> live = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private PollingEngine(Builder b) {
        this.source = b.source;
        this.ownsScheduler = b.scheduler == null;
        this.scheduler = ownsScheduler ? daemonPool(b.poolThreads) : b.scheduler;
        this.clock = b.clock != null ? b.clock : Clock.systemUTC();
        this.random = b.random != null ? b.random : new Random();
        this.limiter = new RateLimiter(new RateLimiter.Rate(b.requestsPerSecond, b.burst), b.serviceRates);
        this.fetches = new SharedFetches(source, (ref, status) -> sameTask.answered(ref, clock.instant(), status));
        this.intervals = b.intervals;
        this.requestTimeout = b.requestTimeout;
        this.serviceRequestTimeouts = new EnumMap<>(CloudService.class);
        this.serviceRequestTimeouts.putAll(b.serviceRequestTimeouts);
    }

    /** Starts building an engine that reads task status from {@code source}. */
    public static Builder builder(TaskStatusSource source) {
        return new Builder(source);
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

    /** How many waits are running. */
    public int activeWaits() {
        return live.size();
    }

    /**
     * Stops every running wait (each ends STOPPED) and, when the engine created its own scheduler,
     * shuts that down and waits up to five seconds for its threads to end. Idempotent.
     */
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

    SharedFetches fetches() {
        return fetches;
    }

    SameTaskWaits sameTask() {
        return sameTask;
    }

    IntervalStrategy intervals() {
        return intervals;
    }

    Duration requestTimeout(CloudService service) {
        return serviceRequestTimeouts.getOrDefault(service, requestTimeout);
    }

    TaskStatusSource source() {
        return source;
    }

    private static ScheduledExecutorService daemonPool(int threads) {
        AtomicInteger n = new AtomicInteger();
        int poolThreads = threads;
        ThreadFactory threadFactory = r -> {
            Thread t = new Thread(r, "cloudtask-await-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(poolThreads, threadFactory);
        pool.setRemoveOnCancelPolicy(true);
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return pool;
    }

    /** Builds a {@link PollingEngine}; every setting has a documented default. */
    public static final class Builder {
        private final TaskStatusSource source;
        private ScheduledExecutorService scheduler;
        private Clock clock;
        private Random random;
        private double requestsPerSecond = DEFAULT_REQUESTS_PER_SECOND;
        private int burst = DEFAULT_BURST;
        private IntervalStrategy intervals = IntervalStrategy.adaptive();
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private final Map<CloudService, RateLimiter.Rate> serviceRates = new EnumMap<>(CloudService.class);
        private final Map<CloudService, Duration> serviceRequestTimeouts = new EnumMap<>(CloudService.class);
        private int poolThreads = DEFAULT_POOL_THREADS;

        private Builder(TaskStatusSource source) {
            this.source = Objects.requireNonNull(source, "source");
        }

        /**
         * The shared scheduler, e.g. a Jakarta Concurrency {@code ManagedScheduledExecutorService}
         * (see {@link ManagedSchedulers#lookup()}). The engine does not shut a given scheduler down.
         * Default: a pool of {@value PollingEngine#DEFAULT_POOL_THREADS} daemon threads that {@link #close()} ends.
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Uses the Jakarta EE server's default managed scheduled executor when there is one
         * ({@link ManagedSchedulers#lookup()}); otherwise leaves the choice unchanged (the engine's
         * own daemon pool unless {@link #scheduler} was called).
         */
        public Builder managedSchedulerIfAvailable() {
            ManagedSchedulers.lookup().ifPresent(s -> this.scheduler = s);
            return this;
        }

        /** The clock the engine reads time from; must agree with the scheduler. Default: UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The token bucket per service endpoint and project: {@code requestsPerSecond} on average,
         * {@code burst} at once. {@code rateLimit(0, 0)} turns the limit off. Default
         * {@value #DEFAULT_REQUESTS_PER_SECOND} requests/s, burst {@value #DEFAULT_BURST}.
         *
         * @throws IllegalArgumentException for a negative or infinite rate, or a burst below 1
         */
        public Builder rateLimit(double requestsPerSecond, int burst) {
            new RateLimiter(requestsPerSecond, burst); // validates
            this.requestsPerSecond = requestsPerSecond;
            this.burst = burst;
            return this;
        }

        /**
         * The token bucket of one service's endpoints and projects, instead of the rate set by
         * {@link #rateLimit(double, int)}.
         *
         * @throws IllegalArgumentException for a negative or infinite rate, or a burst below 1
         */
        public Builder rateLimit(CloudService service, double requestsPerSecond, int burst) {
            serviceRates.put(Objects.requireNonNull(service, "service"), new RateLimiter.Rate(requestsPerSecond, burst));
            return this;
        }

        /**
         * Threads of the scheduler the engine creates when none is given. Default
         * {@value PollingEngine#DEFAULT_POOL_THREADS}.
         *
         * @throws IllegalArgumentException when below 1
         */
        public Builder poolThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("poolThreads '" + threads + "' must be at least 1");
            }
            this.poolThreads = threads;
            return this;
        }

        /** The source of randomness for jitter (seed it for reproducible runs). Default: a new Random. */
        public Builder random(Random random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** When to poll; default {@link IntervalStrategy#adaptive()}. */
        public Builder intervals(IntervalStrategy intervals) {
            this.intervals = Objects.requireNonNull(intervals, "intervals");
            return this;
        }

        /**
         * How long a request may stay unanswered before it is abandoned and counted as a transient
         * error. Default {@code 30s}.
         *
         * @throws IllegalArgumentException when not positive
         */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = positive(requestTimeout);
            return this;
        }

        /**
         * The request timeout of one service, instead of the one set by {@link #requestTimeout(Duration)}.
         *
         * @throws IllegalArgumentException when not positive
         */
        public Builder requestTimeout(CloudService service, Duration requestTimeout) {
            serviceRequestTimeouts.put(Objects.requireNonNull(service, "service"), positive(requestTimeout));
            return this;
        }

        private static Duration positive(Duration requestTimeout) {
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            if (requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("requestTimeout '" + requestTimeout
                        + "' must be longer than zero");
            }
            return requestTimeout;
        }

        /** Builds the engine; it creates its own scheduler only if none was given. */
        public PollingEngine build() {
            return new PollingEngine(this);
        }
    }
}
