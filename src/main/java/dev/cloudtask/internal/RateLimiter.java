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
 * each configured with the project's limit) that share one service-side limit converge on shares
 * of it without talking to each other, by additive increase and multiplicative decrease like TCP,
 * with the share counted per wait, not per engine. The waits that poll through a key
 * ({@link #join}, {@link #leave}) each own an equal part of its rate, like TCP connections that
 * share one host, and the key's rate is its waits times that part (so a new wait brings its part
 * along and an ended wait takes it away). A 429 ({@link #throttled}) multiplies the part of the wait
 * it answered by {@value #DECREASE_FACTOR}, that is the key's rate by {@code 1 - 0.3 / waits}, at
 * most {@code waits} times per cool-down (the answers to requests already under way do not count
 * twice); a key whose requests did not have to wait for their slots lately is cut from the rate it
 * really sent at (an engine that had little to do). Between 429s every part grows linearly, by
 * {@value #INCREASE_PER_SECOND} per second of the key's part averaged over its 429s (a slow average,
 * so it is about the same on every member and moves little with one cut): parts that were cut more
 * catch up with the others and the parts even out, while the growth, and so the share of 429s,
 * keeps to the size of the parts whatever the limit. A member that runs more waits so gets a
 * larger share of the service's limit, and every wait in the cluster is polled about as often,
 * whichever member runs it. Once adapted, a key sends one slot after another (no burst), so the
 * bursts of several members do not meet at the service's bucket. An engine alone under its ceiling
 * never sees a 429 and keeps the configured rate and burst.
 */
final class RateLimiter {
    /** A wait's part of the rate after a 429, as a fraction of its part before it. */
    static final double DECREASE_FACTOR = 0.7;
    /** How fast every wait's part grows between 429s: this fraction of the key's average part, per second. */
    static final double INCREASE_PER_SECOND = 0.001;
    /** The weight of the newest part in the average that sets the pace of the growth. */
    static final double SCALE_WEIGHT = 0.02;
    /** The lowest rate a key falls to, as a fraction of the ceiling. */
    static final double MIN_RATE_FRACTION = 0.01;
    /**
     * No second decrease of a key with one wait sooner than this after one, nor sooner than two slots
     * at the new rate; with more waits, this divided by their number.
     */
    static final long MIN_COOL_DOWN_NANOS = 1_000_000_000L;
    /** The time constant of the measured send rate, in seconds. */
    static final double MEASURE_SECONDS = 10;

    private final double ceiling;
    private final int burst;
    private final ConcurrentMap<String, Key> keys = new ConcurrentHashMap<>();

    /** The state of one key; guarded by itself. */
    private static final class Key {
        long tat = Long.MIN_VALUE;
        /** No request before this (a server's Retry-After), and no burst right after it. */
        long pausedUntil = Long.MIN_VALUE;
        /** The waits that poll through this key. */
        int waits;
        /** A wait's part of the rate right after the last 429; meaningless while {@link #decreasedAt} is unset. */
        double after;
        long decreasedAt = Long.MIN_VALUE;
        /**
         * A wait's part before a 429, averaged over the 429s with weight {@link #SCALE_WEIGHT} for the
         * newest: the unit of the growth between them.
         */
        double scale;
        /** When a request last had to wait for its slot. */
        long heldBackAt = Long.MIN_VALUE;
        /** The requests booked, each counted 1 / {@link #MEASURE_SECONDS} and decaying with that time constant, at {@link #sentAt}. */
        double sent;
        long sentAt = Long.MIN_VALUE;
        long firstSentAt = Long.MIN_VALUE;
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
    }

    /** A wait starts polling through {@code key}: once the key has adapted, its rate grows by one wait's part. */
    void join(String key) {
        if (ceiling == 0) {
            return;
        }
        Key k = keys.computeIfAbsent(key, x -> new Key());
        synchronized (k) {
            k.waits++;
        }
    }

    /** A wait that {@link #join joined} {@code key} ended. */
    void leave(String key) {
        if (ceiling == 0) {
            return;
        }
        Key k = keys.computeIfAbsent(key, x -> new Key());
        synchronized (k) {
            k.waits = Math.max(0, k.waits - 1);
        }
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
            // an adapted key shares the service's bucket with other members: no burst of its own
            long tolerance = k.decreasedAt == Long.MIN_VALUE ? period * (burst - 1) : 0;
            long tat = k.tat == Long.MIN_VALUE ? nowNanos : k.tat;
            if (k.pausedUntil != Long.MIN_VALUE) {
                // the burst allowance does not carry across a pause: after it, one slot after another
                tat = Math.max(tat, k.pausedUntil + tolerance);
                k.pausedUntil = Long.MIN_VALUE;
            }
            long start = Math.max(nowNanos, tat - tolerance);
            k.tat = Math.max(tat, start) + period;
            if (start > nowNanos) {
                k.heldBackAt = nowNanos;
            }
            k.sent = decayed(k, nowNanos) + 1 / MEASURE_SECONDS;
            k.sentAt = Math.max(nowNanos, k.sentAt);
            if (k.firstSentAt == Long.MIN_VALUE) {
                k.firstSentAt = nowNanos;
            }
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
     * The service answered 429 for {@code key}: multiplies one wait's part of its rate by
     * {@value #DECREASE_FACTOR} unless the key was lowered within the cool-down.
     *
     * @return whether the rate was lowered
     */
    boolean throttled(String key, long nowNanos) {
        if (ceiling == 0) {
            return false;
        }
        Key k = keys.computeIfAbsent(key, x -> new Key());
        synchronized (k) {
            int waits = Math.max(1, k.waits);
            double rate = rate(k, nowNanos);
            if (k.decreasedAt != Long.MIN_VALUE && nowNanos - k.decreasedAt < coolDown(rate) / waits) {
                return false;
            }
            // a key whose requests did not wait for their slots lately sent less than its rate allows
            boolean limited = k.heldBackAt != Long.MIN_VALUE && nowNanos - k.heldBackAt < coolDown(rate);
            double part = (limited ? rate : Math.min(rate, measured(k, nowNanos))) / waits;
            k.after = part * (1 - (1 - DECREASE_FACTOR) / waits);
            k.scale = k.decreasedAt == Long.MIN_VALUE ? part : k.scale + (part - k.scale) * SCALE_WEIGHT;
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
        double part = k.after + k.scale * INCREASE_PER_SECOND * seconds;
        return Math.min(ceiling, Math.max(ceiling * MIN_RATE_FRACTION, part * Math.max(1, k.waits)));
    }

    /**
     * The requests per second booked lately, weighted down exponentially with their age (over the
     * time since the first one while that is shorter than the time constant); infinite before the
     * first, so a key that never sent is cut from its rate.
     */
    private static double measured(Key k, long nowNanos) {
        if (k.firstSentAt == Long.MIN_VALUE) {
            return Double.POSITIVE_INFINITY;
        }
        double seconds = Math.max(1, (nowNanos - k.firstSentAt) / 1e9);
        return decayed(k, nowNanos) / -Math.expm1(-seconds / MEASURE_SECONDS);
    }

    private static double decayed(Key k, long nowNanos) {
        if (k.sentAt == Long.MIN_VALUE) {
            return 0;
        }
        return k.sent * Math.exp(-Math.max(0, nowNanos - k.sentAt) / 1e9 / MEASURE_SECONDS);
    }

    private static long coolDown(double rate) {
        return Math.max(MIN_COOL_DOWN_NANOS, 2 * period(rate));
    }

    private static long period(double rate) {
        return Math.max(1, (long) (1e9 / rate));
    }
}
