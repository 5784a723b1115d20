package dev.cloudtask.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per key (one key per service endpoint and project), kept as a "theoretical arrival
 * time" so each key costs one small object and no timer, whose rate adapts to the service's 429s.
 *
 * <p>A key allows {@code burst} requests at once and then its current rate on average.
 * {@link #reserve} never blocks: it books the next free slot and returns how long the caller has to
 * wait for it, so the caller can schedule the request on the shared scheduler instead of sleeping.
 * A {@code Retry-After} received for a key is applied with {@link #pauseUntil}, so every wait that
 * shares the key holds back, not only the one that was throttled.
 *
 * <p>The configured rate is a ceiling, not a promise: several engines (the members of a cluster,
 * each configured with the project's limit) that share one service-side limit converge on a fair
 * share of it without talking to each other, the way TCP's CUBIC and the AWS SDKs' adaptive retry
 * mode do. A 429 for a key ({@link #throttled}) multiplies its rate by {@value #DECREASE_FACTOR}, at
 * most once per cool-down (the answers to requests already under way do not count twice). The rate
 * then climbs back to where it was before the 429 (a little lower when the key is throttled again
 * before it got there: its share is too large) along a concave curve within
 * {@value #RECOVERY_SECONDS} s (fast at first, flat near the old rate, so a stray 429 costs little),
 * and beyond it grows slowly, by {@value #INCREASE_PER_SECOND} of the ceiling per second (the probe
 * for capacity that other members freed), never above the ceiling. Every member decreases in
 * proportion to its rate and probes at the same pace, so the shares even out. An engine alone under
 * its ceiling never sees a 429 and keeps the configured rate.
 */
final class RateLimiter {
    /** The rate after a 429, as a fraction of the rate before it. */
    static final double DECREASE_FACTOR = 0.7;
    /** Seconds after a 429 until the rate is back where it was before it. */
    static final double RECOVERY_SECONDS = 60;
    /** How fast the rate grows past its rate before the last 429: this fraction of the ceiling, per second. */
    static final double INCREASE_PER_SECOND = 0.0005;
    /** The lowest rate a key falls to, as a fraction of the ceiling. */
    static final double MIN_RATE_FRACTION = 0.01;
    /** No second decrease sooner than this after one, nor sooner than two slots at the new rate. */
    static final long MIN_COOL_DOWN_NANOS = 1_000_000_000L;

    private final double ceiling;
    private final int burst;
    private final double increasePerNano;
    private final ConcurrentMap<String, Key> keys = new ConcurrentHashMap<>();

    /** The state of one key; guarded by itself. */
    private static final class Key {
        long tat = Long.MIN_VALUE;
        /** No request before this (a server's Retry-After), and no burst right after it. */
        long pausedUntil = Long.MIN_VALUE;
        /** The rate right after the last 429; meaningless while {@link #decreasedAt} is unset. */
        double after;
        /** The rate the key climbs back to after the last 429. */
        double target;
        long decreasedAt = Long.MIN_VALUE;
    }

    /**
     * @param requestsPerSecond average rate per key, and the ceiling of the adaptive rate;
     *        {@code 0} disables the limit
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
        this.ceiling = requestsPerSecond;
        this.burst = Math.max(1, burst);
        this.increasePerNano = requestsPerSecond * INCREASE_PER_SECOND / 1e9;
    }

    /**
     * Books one request for {@code key}.
     *
     * @param nowNanos the current time on the engine's clock, in nanoseconds
     * @return nanoseconds to wait before sending the booked request (0 = send now)
     */
    long reserve(String key, long nowNanos) {
        if (ceiling == 0) {
            return 0;
        }
        Key k = keys.computeIfAbsent(key, x -> new Key());
        synchronized (k) {
            long period = period(rate(k, nowNanos));
            long tolerance = period * (burst - 1);
            long tat = k.tat == Long.MIN_VALUE ? nowNanos : k.tat;
            if (k.pausedUntil != Long.MIN_VALUE) {
                // the burst allowance does not carry across a pause: after it, one slot after another
                tat = Math.max(tat, k.pausedUntil + tolerance);
                k.pausedUntil = Long.MIN_VALUE;
            }
            long start = Math.max(nowNanos, tat - tolerance);
            k.tat = Math.max(tat, start) + period;
            return start - nowNanos;
        }
    }

    /** Holds back every request for {@code key} until {@code untilNanos} (a server's Retry-After). */
    void pauseUntil(String key, long untilNanos) {
        if (ceiling == 0) {
            return;
        }
        Key k = keys.computeIfAbsent(key, x -> new Key());
        synchronized (k) {
            if (k.pausedUntil == Long.MIN_VALUE || k.pausedUntil < untilNanos) {
                k.pausedUntil = untilNanos;
            }
        }
    }

    /**
     * The service answered 429 for {@code key}: multiplies its rate by {@value #DECREASE_FACTOR}
     * unless it was lowered within the cool-down.
     *
     * @return whether the rate was lowered
     */
    boolean throttled(String key, long nowNanos) {
        if (ceiling == 0) {
            return false;
        }
        Key k = keys.computeIfAbsent(key, x -> new Key());
        synchronized (k) {
            if (k.decreasedAt != Long.MIN_VALUE && nowNanos - k.decreasedAt < coolDown(rate(k, nowNanos))) {
                return false;
            }
            double rate = rate(k, nowNanos);
            // a member that is throttled again below the rate it climbed back to gives up more of its
            // share (CUBIC's fast convergence), so larger shares shrink faster than smaller ones
            boolean shrinking = k.decreasedAt != Long.MIN_VALUE && rate < k.target;
            k.target = shrinking ? rate * (1 + DECREASE_FACTOR) / 2 : rate;
            k.after = rate * DECREASE_FACTOR;
            k.decreasedAt = nowNanos;
            return true;
        }
    }

    /** The current rate of {@code key} in requests per second (the ceiling until its first 429). */
    double rate(String key, long nowNanos) {
        if (ceiling == 0) {
            return 0;
        }
        Key k = keys.computeIfAbsent(key, x -> new Key());
        synchronized (k) {
            return rate(k, nowNanos);
        }
    }

    private double rate(Key k, long nowNanos) {
        if (k.decreasedAt == Long.MIN_VALUE) {
            return ceiling;
        }
        double seconds = Math.max(0, nowNanos - k.decreasedAt) / 1e9;
        double rate;
        if (seconds < RECOVERY_SECONDS) {
            double left = 1 - seconds / RECOVERY_SECONDS;
            rate = k.target - (k.target - k.after) * left * left * left;
        } else {
            rate = k.target + increasePerNano * 1e9 * (seconds - RECOVERY_SECONDS);
        }
        return Math.min(ceiling, Math.max(ceiling * MIN_RATE_FRACTION, rate));
    }

    private static long coolDown(double rate) {
        return Math.max(MIN_COOL_DOWN_NANOS, 2 * period(rate));
    }

    private static long period(double rate) {
        return Math.max(1, (long) (1e9 / rate));
    }
}
