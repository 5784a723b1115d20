package dev.cloudtask.batch;

import dev.cloudtask.CloudService;
import dev.cloudtask.CloudTaskAwaiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The limits of the polling engine that MicroProfile Config sets, each per service with a global
 * fallback: {@code cloudtask.<service>.<key>}, else {@code cloudtask.<key>}, else the default. A blank
 * value counts as not set. {@code scheduler-threads} has only the global key and applies in Java SE
 * (in a server the engine runs on the server's managed scheduler).
 *
 * <p>A malformed value is reported at application start ({@link ConfigurationCheck}); the engine keeps
 * the default for that service, and every wait of that service fails as a bad property would
 * ({@link #of} throws), so a wrong limit is never used silently.
 */
final class EngineLimits {

    /**
     * One engine key.
     *
     * @param <T> the value type
     * @param name the key after {@code cloudtask.} (and the service)
     * @param format how the value is read
     * @param defaultValue the engine's default
     * @param perService whether {@code cloudtask.<service>.<name>} is read
     * @param description what it limits, for the documentation
     */
    record Key<T>(String name, ValueFormat<T> format, T defaultValue, boolean perService, String description) {
    }

    static final Key<Double> RATE_LIMIT = new Key<>("rate-limit", ValueFormat.RATE,
            CloudTaskAwaiter.Builder.DEFAULT_REQUESTS_PER_SECOND, true,
            "Average status requests per second to one service endpoint and project (token bucket).");
    static final Key<Integer> BURST = new Key<>("burst", ValueFormat.POSITIVE_COUNT, CloudTaskAwaiter.Builder.DEFAULT_BURST,
            true, "Status requests to one service endpoint and project that may go at once.");
    static final Key<Duration> REQUEST_TIMEOUT = new Key<>("request-timeout", ValueFormat.POSITIVE_DURATION,
            CloudTaskAwaiter.Builder.DEFAULT_REQUEST_TIMEOUT, true,
            "How long a status request may stay unanswered before it counts as a transient error.");
    static final Key<Integer> SCHEDULER_THREADS = new Key<>("scheduler-threads", ValueFormat.POSITIVE_COUNT,
            CloudTaskAwaiter.Builder.DEFAULT_POOL_THREADS, false,
            "Threads of the engine's own scheduler in Java SE (a server's managed scheduler is used as it is).");

    /** Every engine key, in documentation order. */
    static final List<Key<?>> ALL = List.of(RATE_LIMIT, BURST, REQUEST_TIMEOUT, SCHEDULER_THREADS);

    /**
     * The limits of one service.
     *
     * @param service the service
     * @param rateLimit requests per second per endpoint and project (0 = no limit)
     * @param burst requests that may go at once
     * @param requestTimeout how long a request may stay unanswered
     */
    record ServiceLimits(CloudService service, Sourced<Double> rateLimit, Sourced<Integer> burst,
            Sourced<Duration> requestTimeout) {
    }

    private EngineLimits() {
    }

    /** {@code cloudtask.<service>.<name>}. */
    static String serviceKey(CloudService service, Key<?> key) {
        return "cloudtask." + service.id() + "." + key.name();
    }

    /** {@code cloudtask.<name>}. */
    static String globalKey(Key<?> key) {
        return "cloudtask." + key.name();
    }

    /**
     * The limits of {@code service}.
     *
     * @throws InvalidPropertyException naming the key, its config source and the value when the value
     *     that would be used is malformed
     */
    static ServiceLimits of(ConfigLayer config, CloudService service) {
        return new ServiceLimits(service, resolve(config, RATE_LIMIT, service), resolve(config, BURST, service),
                resolve(config, REQUEST_TIMEOUT, service));
    }

    /** The threads of the engine's own scheduler. */
    static Sourced<Integer> schedulerThreads(ConfigLayer config) {
        return resolve(config, SCHEDULER_THREADS, null);
    }

    /** The value of {@code key} for {@code service} (null: the global key only). */
    static <T> Sourced<T> resolve(ConfigLayer config, Key<T> key, CloudService service) {
        Sourced<T> found = null;
        if (service != null && key.perService()) {
            found = Knobs.fromConfig(config, Origin.Layer.SERVICE_CONFIG, serviceKey(service, key), key.name(),
                    key.format());
        }
        if (found == null) {
            found = Knobs.fromConfig(config, Origin.Layer.GLOBAL_CONFIG, globalKey(key), key.name(), key.format());
        }
        return found != null ? found : Sourced.ofDefault(key.name(), key.defaultValue(), key.format());
    }

    /**
     * Sets the configured limits on an engine builder. A service whose limits cannot be read keeps
     * the defaults (its waits fail through {@link #of}); so does the scheduler.
     *
     * @return the limits that differ from the defaults, with their sources, for one log line
     */
    static List<String> apply(CloudTaskAwaiter.Builder builder, ConfigLayer config) {
        List<String> set = new ArrayList<>();
        for (CloudService s : CloudService.values()) {
            ServiceLimits limits;
            try {
                limits = of(config, s);
            } catch (InvalidPropertyException e) {
                continue;
            }
            builder.rateLimit(s, limits.rateLimit().value(), limits.burst().value());
            builder.requestTimeout(s, limits.requestTimeout().value());
            for (Sourced<?> v : List.of(limits.rateLimit(), limits.burst(), limits.requestTimeout())) {
                if (!v.origin().isDefault()) {
                    set.add(s.id() + " " + v.describe());
                }
            }
        }
        try {
            Sourced<Integer> threads = schedulerThreads(config);
            builder.schedulerThreads(threads.value());
            if (!threads.origin().isDefault()) {
                set.add(threads.describe());
            }
        } catch (InvalidPropertyException e) {
            // reported at start; the default pool size stays
        }
        return set;
    }

    /** Every malformed engine key, as the message a wait using it would fail with. */
    static List<String> configProblems(ConfigLayer config) {
        LinkedHashSet<String> problems = new LinkedHashSet<>();
        for (Key<?> key : ALL) {
            check(problems, () -> Knobs.fromConfig(config, Origin.Layer.GLOBAL_CONFIG, globalKey(key), key.name(),
                    key.format()));
            if (key.perService()) {
                for (CloudService s : CloudService.values()) {
                    check(problems, () -> Knobs.fromConfig(config, Origin.Layer.SERVICE_CONFIG,
                            serviceKey(s, key), key.name(), key.format()));
                }
            }
        }
        return List.copyOf(problems);
    }

    private static void check(LinkedHashSet<String> problems, Runnable read) {
        try {
            read.run();
        } catch (InvalidPropertyException e) {
            problems.add(e.getMessage());
        }
    }
}
