package dev.cloudtask;

import dev.cloudtask.internal.EngineFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Waits for remote tasks. One instance per application serves any number of concurrent waits: a
 * wait is an object scheduled on a shared scheduler, not a thread.
 *
 * <p>In a Jakarta EE application the batch steps inject the one the library produces. Elsewhere
 * (Java SE, tests) build one over a {@link TaskStatusSource}:
 *
 * <pre>{@code
 * try (CloudTaskAwaiter awaiter = CloudTaskAwaiter.builder(clients.taskStatusSource()).build()) {
 *     AwaitOutcome o = awaiter.await(TaskRef.dcs(project, instance, task), AwaitPolicy.ofDefaults());
 * }
 * }</pre>
 */
public interface CloudTaskAwaiter extends AutoCloseable {

    /**
     * Starts building an awaiter that reads task status from {@code source}; every setting of the
     * {@link Builder} has a default.
     */
    static Builder builder(TaskStatusSource source) {
        return new Builder(source);
    }

    /**
     * Starts waiting for a task.
     *
     * @param ref the task
     * @param submittedAt when the task was submitted, or null if unknown (then it counts as submitted
     *     now): the 404 grace period counts from it, and a wait without a progress signal counts
     *     the task's running time from it
     * @param policy the policy
     * @param listener receives progress events (on a scheduler thread; keep it short)
     * @throws IllegalStateException if the awaiter is closed
     */
    AwaitHandle start(TaskRef ref, Instant submittedAt, AwaitPolicy policy, ProgressListener listener);

    /** Starts a wait and blocks until its outcome; an interrupt stops it. */
    default AwaitOutcome await(TaskRef ref, AwaitPolicy policy) {
        return start(ref, null, policy, ProgressListener.NONE).join();
    }

    /** How many waits are running. */
    int activeWaits();

    /**
     * Stops every wait still running (each ends STOPPED), refuses new ones and, when the awaiter
     * created its own scheduler, shuts that down and waits up to five seconds for its threads.
     * Idempotent.
     */
    @Override
    void close();

    /**
     * Builds a {@link CloudTaskAwaiter}. Not thread-safe; {@link #build()} may be called more than
     * once (each call makes an independent awaiter).
     */
    final class Builder {
        /** Default average request rate per service endpoint and project. */
        public static final double DEFAULT_REQUESTS_PER_SECOND = 10.0;
        /** Default number of requests per service endpoint and project that may go at once. */
        public static final int DEFAULT_BURST = 10;
        /** Default time after which an unanswered request is abandoned and counts as a transient error. */
        public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
        /** Threads of the scheduler the awaiter creates when none is given. */
        public static final int DEFAULT_POOL_THREADS = 2;
        /** The JNDI name every Jakarta EE server binds its default managed scheduled executor to. */
        public static final String MANAGED_SCHEDULER_JNDI_NAME = "java:comp/DefaultManagedScheduledExecutorService";

        private static final Logger LOG = Logger.getLogger(CloudTaskAwaiter.class.getName());

        private final TaskStatusSource source;
        private ScheduledExecutorService scheduler;
        private Clock clock = Clock.systemUTC();
        private Random random;
        private double requestsPerSecond = DEFAULT_REQUESTS_PER_SECOND;
        private int burst = DEFAULT_BURST;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private final Map<CloudService, Double> serviceRates = new EnumMap<>(CloudService.class);
        private final Map<CloudService, Integer> serviceBursts = new EnumMap<>(CloudService.class);
        private final Map<CloudService, Duration> serviceRequestTimeouts = new EnumMap<>(CloudService.class);
        private int poolThreads = DEFAULT_POOL_THREADS;
        private Object openTelemetry; // an io.opentelemetry.api.OpenTelemetry; Object so nothing loads it

        private Builder(TaskStatusSource source) {
            this.source = Objects.requireNonNull(source, "source");
        }

        /**
         * The shared scheduler, e.g. a Jakarta Concurrency {@code ManagedScheduledExecutorService}.
         * The awaiter never shuts a given scheduler down. Default: a pool of
         * {@value #DEFAULT_POOL_THREADS} daemon threads ({@code cloudtask-await-N}) that
         * {@link CloudTaskAwaiter#close()} ends.
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Uses the Jakarta EE server's default managed scheduled executor
         * ({@value #MANAGED_SCHEDULER_JNDI_NAME}) when JNDI has one; otherwise (Java SE) leaves the
         * choice unchanged.
         */
        public Builder managedSchedulerIfAvailable() {
            managedScheduler().ifPresent(s -> this.scheduler = s);
            return this;
        }

        /**
         * The clock the awaiter reads time from; it must agree with the scheduler (a virtual clock
         * with a virtual scheduler in tests). Default: {@link Clock#systemUTC()}.
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The token bucket per service endpoint and project: {@code requestsPerSecond} on average,
         * {@code burst} at once. {@code rateLimit(0, 0)} turns the limit off. Default
         * {@value #DEFAULT_REQUESTS_PER_SECOND} requests/s, burst {@value #DEFAULT_BURST}.
         *
         * @throws IllegalArgumentException for a negative, NaN or infinite rate, or a burst below 1
         *     with a rate above 0
         */
        public Builder rateLimit(double requestsPerSecond, int burst) {
            checkRate(requestsPerSecond, burst);
            this.requestsPerSecond = requestsPerSecond;
            this.burst = burst;
            return this;
        }

        /**
         * The token bucket of one service's endpoints and projects, instead of the one
         * {@link #rateLimit(double, int)} sets for every service.
         *
         * @throws IllegalArgumentException for a negative, NaN or infinite rate, or a burst below 1
         *     with a rate above 0
         */
        public Builder rateLimit(CloudService service, double requestsPerSecond, int burst) {
            checkRate(requestsPerSecond, burst);
            serviceRates.put(Objects.requireNonNull(service, "service"), requestsPerSecond);
            serviceBursts.put(service, burst);
            return this;
        }

        private static void checkRate(double requestsPerSecond, int burst) {
            if (!(requestsPerSecond >= 0) || Double.isInfinite(requestsPerSecond)) {
                throw new IllegalArgumentException("requestsPerSecond '" + requestsPerSecond
                        + "' must be a finite number >= 0 (0 = no limit)");
            }
            if (requestsPerSecond > 0 && burst < 1) {
                throw new IllegalArgumentException("burst '" + burst + "' must be at least 1");
            }
        }

        /** The source of randomness for the first-poll jitter (seed it for reproducible runs). Default: a new Random. */
        public Builder random(Random random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * How long a request may stay unanswered before it is abandoned (its stage cancelled) and
         * counted as a transient error. Default {@link #DEFAULT_REQUEST_TIMEOUT} (30 s).
         *
         * @throws IllegalArgumentException when not positive
         */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = checkTimeout(requestTimeout);
            return this;
        }

        /**
         * The request timeout of one service, instead of the one {@link #requestTimeout(Duration)}
         * sets for every service.
         *
         * @throws IllegalArgumentException when not positive
         */
        public Builder requestTimeout(CloudService service, Duration requestTimeout) {
            serviceRequestTimeouts.put(Objects.requireNonNull(service, "service"), checkTimeout(requestTimeout));
            return this;
        }

        private static Duration checkTimeout(Duration requestTimeout) {
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            if (requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("requestTimeout '" + requestTimeout
                        + "' must be longer than zero");
            }
            return requestTimeout;
        }

        /**
         * Threads of the daemon pool the awaiter creates when no scheduler is given. Default
         * {@value #DEFAULT_POOL_THREADS}.
         *
         * @throws IllegalArgumentException when below 1
         */
        public Builder schedulerThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("schedulerThreads '" + threads + "' must be at least 1");
            }
            this.poolThreads = threads;
            return this;
        }

        /**
         * Reports metrics and a span per wait through {@code openTelemetry} (the names are listed on
         * the telemetry page). Default: none, and then no OpenTelemetry class is loaded, so the
         * OpenTelemetry API is needed on the class path only by applications that call this.
         */
        public Builder openTelemetry(io.opentelemetry.api.OpenTelemetry openTelemetry) {
            this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
            return this;
        }

        /** Builds the awaiter; it creates its own scheduler only if none was given. */
        public CloudTaskAwaiter build() {
            Map<CloudService, EngineFactory.Limits> perService = new EnumMap<>(CloudService.class);
            for (CloudService s : CloudService.values()) {
                if (serviceRates.containsKey(s) || serviceRequestTimeouts.containsKey(s)) {
                    perService.put(s, new EngineFactory.Limits(serviceRates.getOrDefault(s, requestsPerSecond),
                            serviceBursts.getOrDefault(s, burst), serviceRequestTimeouts.getOrDefault(s, requestTimeout)));
                }
            }
            return EngineFactory.create(source, scheduler, poolThreads, clock, random != null ? random : new Random(),
                    new EngineFactory.Limits(requestsPerSecond, burst, requestTimeout), perService, openTelemetry);
        }

        private static Optional<ScheduledExecutorService> managedScheduler() {
            try {
                Object found = new InitialContext().lookup(MANAGED_SCHEDULER_JNDI_NAME);
                return found instanceof ScheduledExecutorService s ? Optional.of(s) : Optional.empty();
            } catch (NamingException | RuntimeException | LinkageError e) {
                LOG.log(Level.FINE, "no managed scheduled executor at " + MANAGED_SCHEDULER_JNDI_NAME
                        + "; using the awaiter's own daemon pool");
                return Optional.empty();
            }
        }
    }
}
