package dev.cloudtask.internal;

import dev.cloudtask.CloudService;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per key (one key per service endpoint and project), kept as a "theoretical arrival
 * time" so each key costs one small object and no timer.
 *
 * <p>A key allows {@code burst} requests at once and then {@code requestsPerSecond} on average.
 * {@link #reserve} never blocks: it books the next free slot and returns how long the caller has to
 * wait for it, so the caller can schedule the request on the shared scheduler instead of sleeping.
 * A {@code Retry-After} received for a key is applied with {@link #pauseUntil}, so every wait that
 * shares the key holds back, not only the one that was throttled.
 *
 * <p>Each service may have its own rate ({@link #of}); a key is always of one service, so its
 * bucket keeps that service's rate.
 */
final class RateLimiter {
    private final Rate defaultRate;
    private final Map<CloudService, Rate> perService;
    private final ConcurrentMap<String, long[]> arrival = new ConcurrentHashMap<>();

    /**
     * The rate of one bucket.
     *
     * @param requestsPerSecond average rate per key; {@code 0} disables the limit
     * @param burst how many requests may go at once per key (>= 1 when limited)
     */
    record Rate(double requestsPerSecond, int burst) {
        Rate {
            if (!(requestsPerSecond >= 0) || Double.isInfinite(requestsPerSecond)) {
                throw new IllegalArgumentException("requestsPerSecond '" + requestsPerSecond
                        + "' must be a finite number >= 0 (0 = no limit)");
            }
            if (requestsPerSecond > 0 && burst < 1) {
                throw new IllegalArgumentException("burst '" + burst + "' must be at least 1");
            }
        }

        long periodNanos() {
            return requestsPerSecond == 0 ? 0 : Math.max(1, (long) (1e9 / requestsPerSecond));
        }

        long toleranceNanos() {
            return periodNanos() * Math.max(0, burst - 1);
        }
    }

    /** One rate for every key. */
    RateLimiter(double requestsPerSecond, int burst) {
        this(new Rate(requestsPerSecond, burst), Map.of());
    }

    /**
     * @param defaultRate the rate of a service without its own
     * @param perService the services with their own rate
     */
    RateLimiter(Rate defaultRate, Map<CloudService, Rate> perService) {
        this.defaultRate = defaultRate;
        this.perService = perService.isEmpty() ? Map.of() : new EnumMap<>(perService);
    }

    /** The rate of {@code service}'s keys. */
    Rate rateOf(CloudService service) {
        return perService.getOrDefault(service, defaultRate);
    }

    /** Books one request for {@code key} at the default rate (see {@link #reserve(Rate, String, long)}). */
    long reserve(String key, long nowNanos) {
        return reserve(defaultRate, key, nowNanos);
    }

    /**
     * Books one request for {@code key}.
     *
     * @param rate the rate of the key's service ({@link #rateOf})
     * @param nowNanos the current time on the engine's clock, in nanoseconds
     * @return nanoseconds to wait before sending the booked request (0 = send now)
     */
    long reserve(Rate rate, String key, long nowNanos) {
        long periodNanos = rate.periodNanos();
        long toleranceNanos = rate.toleranceNanos();
        if (periodNanos == 0) {
            return 0;
        }
        long[] tat = arrival.computeIfAbsent(key, k -> new long[] {Long.MIN_VALUE});
        synchronized (tat) {
            long earliest = tat[0] == Long.MIN_VALUE ? nowNanos : tat[0] - toleranceNanos;
            long start = Math.max(nowNanos, earliest);
            tat[0] = Math.max(tat[0] == Long.MIN_VALUE ? nowNanos : tat[0], start) + periodNanos;
            return start - nowNanos;
        }
    }

    /** Holds back every request for {@code key} until {@code untilNanos}, at the default rate. */
    void pauseUntil(String key, long untilNanos) {
        pauseUntil(defaultRate, key, untilNanos);
    }

    /** Holds back every request for {@code key} until {@code untilNanos} (a server's Retry-After). */
    void pauseUntil(Rate rate, String key, long untilNanos) {
        long toleranceNanos = rate.toleranceNanos();
        if (rate.periodNanos() == 0) {
            return;
        }
        long[] tat = arrival.computeIfAbsent(key, k -> new long[] {Long.MIN_VALUE});
        synchronized (tat) {
            long wanted = untilNanos + toleranceNanos;
            if (tat[0] == Long.MIN_VALUE || tat[0] < wanted) {
                tat[0] = wanted;
            }
        }
    }
}
