package dev.cloudtask.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A token bucket per key (project), refilled on the simulator's clock. */
final class SimRateLimit {
    private final Clock clock;
    private final double perSecond;
    private final double burst;
    private final Map<String, double[]> buckets = new ConcurrentHashMap<>();

    /**
     * @param perSecond refill rate, &gt; 0
     * @param burst bucket size, &ge; 1
     */
    SimRateLimit(Clock clock, double perSecond, int burst) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("rate limit '" + perSecond + "' requests/second must be > 0");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("rate limit burst '" + burst + "' must be >= 1");
        }
        this.clock = clock;
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /** Takes one token for {@code key}; false when the bucket is empty. */
    boolean tryAcquire(String key) {
        double[] b = buckets.computeIfAbsent(key, k -> new double[] {burst, nanos(clock.instant())});
        synchronized (b) {
            double now = nanos(clock.instant());
            double elapsed = Math.max(0, now - b[1]) / 1e9;
            b[0] = Math.min(burst, b[0] + elapsed * perSecond);
            b[1] = Math.max(b[1], now);
            if (b[0] >= 1) {
                b[0] -= 1;
                return true;
            }
            return false;
        }
    }

    /** The time until one token is available again, rounded up to whole seconds (at least 1). */
    Duration retryAfter() {
        return Duration.ofSeconds(Math.max(1, (long) Math.ceil(1 / perSecond)));
    }

    private static double nanos(Instant t) {
        return t.getEpochSecond() * 1e9 + t.getNano();
    }
}
