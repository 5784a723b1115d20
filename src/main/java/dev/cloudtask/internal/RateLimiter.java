package dev.cloudtask.internal;

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
 */
final class RateLimiter {
    private final long periodNanos;
    private final long toleranceNanos;
    private final ConcurrentMap<String, long[]> arrival = new ConcurrentHashMap<>();

    /**
     * @param requestsPerSecond average rate per key; {@code 0} disables the limit
     * @param burst how many requests may go at once per key (>= 1 when limited)
     */
    RateLimiter(double requestsPerSecond, int burst) {
        if (!(requestsPerSecond >= 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("requestsPerSecond '" + requestsPerSecond
                    + "' must be a finite number >= 0 (0 = no limit)");
        }
        if (requestsPerSecond > 0 && burst < 1) {
            throw new IllegalArgumentException("burst '" + burst + "' must be at least 1");
        }
        this.periodNanos = requestsPerSecond == 0 ? 0 : Math.max(1, (long) (1e9 / requestsPerSecond));
        this.toleranceNanos = periodNanos * Math.max(0, burst - 1);
    }

    /**
     * Books one request for {@code key}.
     *
     * @param nowNanos the current time on the engine's clock, in nanoseconds
     * @return nanoseconds to wait before sending the booked request (0 = send now)
     */
    long reserve(String key, long nowNanos) {
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

    /** Holds back every request for {@code key} until {@code untilNanos} (a server's Retry-After). */
    void pauseUntil(String key, long untilNanos) {
        if (periodNanos == 0) {
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
