package dev.cloudtask.internal;

import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * The default schedule of a wait.
 *
 * <ul>
 * <li>First poll: {@code initialDelay} scaled by a random factor in [0.75, 1.25) (the only
 *     jitter: it spreads waits started together).</li>
 * <li>No prediction (the service reports no progress): {@code firstInterval}, then each interval
 *     {@code growth} times the one before, capped at {@code maxInterval}.</li>
 * <li>Prediction available ({@link ProgressEstimator}): the next poll at the predicted end when
 *     that comes sooner than the capped-growth delay, but never sooner than {@link #MIN_INTERVAL}
 *     (or {@code firstInterval} if shorter). Once the predicted end has passed without the task
 *     ending, the delays start again from that minimum and double
 *     ({@link #OVERDUE_GROWTH}), never longer than the capped-growth delay.</li>
 * </ul>
 * Because the capped-growth delay bounds every delay, a wrong prediction can never make the wait
 * later than it would be without one; a good one puts a poll right at the end.
 */
final class AdaptiveIntervals implements IntervalStrategy.Schedule {
    /** The shortest adaptive delay: one second, or {@code firstInterval} when that is shorter. */
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    /** How fast the delays grow again once the predicted end has passed. */
    static final double OVERDUE_GROWTH = 2.0;

    private final AwaitPolicy policy;
    private final Random random;
    private final ProgressEstimator estimator = new ProgressEstimator();
    private final long minNanos;
    private final long maxNanos;
    private double baseNanos;
    private int overdue;

    AdaptiveIntervals(AwaitPolicy policy, Random random) {
        this.policy = policy;
        this.random = random;
        this.maxNanos = policy.maxInterval().toNanos();
        this.minNanos = Math.min(MIN_INTERVAL.toNanos(), policy.firstInterval().toNanos());
        this.baseNanos = policy.firstInterval().toNanos();
    }

    /** The shortest delay the adaptive rule uses for this wait. */
    Duration minInterval() {
        return Duration.ofNanos(minNanos);
    }

    @Override
    public Duration firstDelay() {
        double factor = 0.75 + 0.5 * random.nextDouble();
        return Duration.ofNanos((long) (policy.initialDelay().toNanos() * factor));
    }

    @Override
    public Duration next(Instant now, TaskStatus status) {
        long grown = (long) baseNanos;
        baseNanos = Math.min(maxNanos, baseNanos * policy.growth());
        Instant end = estimator.observe(now, status);
        if (end == null) {
            return Duration.ofNanos(grown);
        }
        long untilEnd = Duration.between(now, end).toNanos();
        if (untilEnd > 0) {
            overdue = 0;
            return Duration.ofNanos(clamp(Math.min(grown, untilEnd)));
        }
        double late = minNanos * Math.pow(OVERDUE_GROWTH, overdue);
        overdue++;
        return Duration.ofNanos(clamp((long) Math.min(late, grown)));
    }

    private long clamp(long nanos) {
        return Math.max(minNanos, Math.min(maxNanos, nanos));
    }
}
