package dev.cloudtask.internal;

import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * The default schedule of a wait. Long intervals are earned by evidence: a wait polls sparsely only
 * while its {@link ProgressEstimator prediction} says the end is still far off; wherever the end
 * may be near it polls at least as often as a wait whose service reports no progress at all, whose
 * delays are capped at the <em>no-signal cap</em>, {@code maxInterval × }{@link #NO_SIGNAL_SHARE}
 * (18 s with the default 2 min, never below {@code firstInterval}).
 *
 * <ul>
 * <li>First poll: {@code initialDelay} scaled by a random factor in [0.75, 1.25) (the only
 *     jitter: it spreads waits started together).</li>
 * <li>No prediction: capped growth: {@code firstInterval}, then each interval {@code growth} times
 *     the one before, capped at the no-signal cap while no status of the wait has carried a progress
 *     signal, and at {@code maxInterval} once one has.</li>
 * <li>A prediction whose early side ({@code end − spread}) is ahead: the next poll at the early
 *     side, never later than the capped-growth delay (so never more than {@code maxInterval}).</li>
 * <li>Inside the spread: a poll every {@code spread / }{@link #POLLS_PER_SPREAD}, between
 *     {@link #MIN_INTERVAL} (or {@code firstInterval} if shorter) and the <em>near cap</em>,
 *     {@link #NEAR_SHARE} of the no-signal cap (12 s by default).</li>
 * <li>Each poll that finds the task running after the end predicted at the poll before doubles the
 *     shortest delay ({@link #MISS_GROWTH}, from {@link #MIN_INTERVAL} up to the near cap), and the
 *     next approach is at most the no-signal cap away; a poll made before the early side of the
 *     prediction starts the count again.</li>
 * </ul>
 * The prediction is renewed from every answer, so a poll is planned from the latest evidence; a
 * regression, a stall or a rush widens or moves the spread instead of discarding the prediction.
 */
final class AdaptiveIntervals implements IntervalStrategy.Schedule {
    /** The shortest adaptive delay: one second, or {@code firstInterval} when that is shorter. */
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    /** Each poll that finds the task running after its predicted end multiplies the shortest delay by this. */
    static final double MISS_GROWTH = 2.0;
    /** The no-signal cap as a share of {@code maxInterval} (18 s with the default 2 min). */
    static final double NO_SIGNAL_SHARE = 0.15;
    /** Where the end may be near (inside the spread, after a missed end) delays are capped at this share of the no-signal cap (12 s by default). */
    static final double NEAR_SHARE = 2.0 / 3;
    /** Inside the spread of the prediction, polls come every {@code spread} divided by this. */
    static final double POLLS_PER_SPREAD = 3.0;

    private static final long NONE = Long.MIN_VALUE;

    private final AwaitPolicy policy;
    private final Random random;
    private final ProgressEstimator estimator = new ProgressEstimator();
    private final long minNanos;
    private final long maxNanos;
    private final long noSignalNanos;
    private final long nearNanos;
    private double baseNanos;
    private int misses;
    private long predictedEnd = NONE;
    private long predictedEarly = NONE;

    AdaptiveIntervals(AwaitPolicy policy, Random random) {
        this.policy = policy;
        this.random = random;
        this.maxNanos = policy.maxInterval().toNanos();
        this.minNanos = Math.min(MIN_INTERVAL.toNanos(), policy.firstInterval().toNanos());
        this.noSignalNanos = Math.max(policy.firstInterval().toNanos(), (long) (maxNanos * NO_SIGNAL_SHARE));
        this.baseNanos = policy.firstInterval().toNanos();
        this.nearNanos = Math.max(minNanos, (long) (noSignalNanos * NEAR_SHARE));
    }

    @Override
    public Duration firstDelay() {
        double factor = 0.75 + 0.5 * random.nextDouble();
        return Duration.ofNanos((long) (policy.initialDelay().toNanos() * factor));
    }

    @Override
    public ProgressEstimator.Estimate estimate() {
        return estimator.estimate();
    }

    @Override
    public Duration next(Instant now, TaskStatus status) {
        long t = ProgressEstimator.nanos(now);
        if (predictedEnd != NONE) {
            if (t >= predictedEnd) {
                misses++; // still running after the end it was predicted to have
            } else if (t < predictedEarly) {
                misses = 0;
            }
        }
        ProgressEstimator.Estimate e = estimator.observe(now, status);
        predictedEnd = e == null ? NONE : ProgressEstimator.nanos(e.end());
        predictedEarly = e == null ? NONE : ProgressEstimator.nanos(e.early());
        long grown = (long) Math.min(estimator.hasSignal() ? maxNanos : noSignalNanos, baseNanos);
        baseNanos = Math.min(maxNanos, baseNanos * policy.growth());
        if (e == null) {
            return Duration.ofNanos(clamp(grown));
        }
        long floor = (long) Math.min(nearNanos, minNanos * Math.pow(MISS_GROWTH, Math.min(misses, 30)));
        long toEarly = Duration.between(now, e.early()).toNanos();
        if (toEarly > 0) {
            long approach = Math.min(grown, toEarly);
            if (misses > 0) {
                approach = Math.min(approach, noSignalNanos); // the last prediction was passed
            }
            return Duration.ofNanos(clamp(Math.max(floor, approach)));
        }
        long spacing = (long) (e.spread().toNanos() / POLLS_PER_SPREAD);
        return Duration.ofNanos(Math.max(minNanos, Math.min(nearNanos, Math.max(floor, spacing))));
    }

    private long clamp(long nanos) {
        return Math.max(minNanos, Math.min(maxNanos, nanos));
    }
}
