package dev.cloudtask.internal;

import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * The default schedule of a wait. It treats waits differently by whether the service reports a
 * progress signal (a percent, a remaining time or a sub-job fraction, see
 * {@link ProgressEstimator#hasSignal()}): a wait without one cannot be predicted, so it polls on a
 * tight cap; a wait with one relies on the prediction and polls rarely far from the predicted end
 * and densely near it. The requests saved on predictable waits pay for the unpredictable ones.
 *
 * <ul>
 * <li>First poll: {@code initialDelay} scaled by a random factor in [0.75, 1.25) (the only
 *     jitter: it spreads waits started together).</li>
 * <li>Capped growth: {@code firstInterval}, then each interval {@code growth} times the one
 *     before, capped at {@code maxInterval / }{@link #NO_SIGNAL_DIVISOR} (the <em>no-signal
 *     cap</em>, never below {@code firstInterval}) while no status of the wait has carried a
 *     progress signal, and at {@code maxInterval} once one has.</li>
 * <li>Prediction available ({@link ProgressEstimator}), end still ahead: the next poll after
 *     {@link #APPROACH_SHARE} of the time left to the predicted end (at the predicted end itself
 *     once that is at most two minimum intervals away); within
 *     {@code maxInterval × }{@link #END_WINDOW_SHARE} of the predicted end no delay exceeds the
 *     no-signal cap. Never sooner than {@link #MIN_INTERVAL} (or {@code firstInterval} if
 *     shorter), never later than the capped-growth delay.</li>
 * <li>Predicted end passed without the task ending: delays start again from that minimum and
 *     double ({@link #OVERDUE_GROWTH}), never longer than the no-signal cap.</li>
 * </ul>
 * So a wait whose prediction is wrong near its end is polled like a wait without a signal; far
 * from the end it polls at most every {@code maxInterval}.
 */
final class AdaptiveIntervals implements IntervalStrategy.Schedule {
    /** The shortest adaptive delay: one second, or {@code firstInterval} when that is shorter. */
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    /** How fast the delays grow again once the predicted end has passed. */
    static final double OVERDUE_GROWTH = 2.0;
    /**
     * Without a progress signal (and near or past a predicted end) delays are capped at
     * {@code maxInterval} divided by this (18 s with the default 6 min).
     */
    static final int NO_SIGNAL_DIVISOR = 20;
    /** With a predicted end ahead, the next poll comes after this share of the time left to it. */
    static final double APPROACH_SHARE = 0.5;
    /** Within {@code maxInterval} times this of a predicted end, delays are capped at the no-signal cap. */
    static final double END_WINDOW_SHARE = 0.5;

    private final AwaitPolicy policy;
    private final Random random;
    private final ProgressEstimator estimator = new ProgressEstimator();
    private final long minNanos;
    private final long maxNanos;
    private final long noSignalNanos;
    private final long endWindowNanos;
    private double baseNanos;
    private int overdue;

    AdaptiveIntervals(AwaitPolicy policy, Random random) {
        this.policy = policy;
        this.random = random;
        this.maxNanos = policy.maxInterval().toNanos();
        this.minNanos = Math.min(MIN_INTERVAL.toNanos(), policy.firstInterval().toNanos());
        this.noSignalNanos = Math.max(policy.firstInterval().toNanos(), maxNanos / NO_SIGNAL_DIVISOR);
        this.endWindowNanos = (long) (maxNanos * END_WINDOW_SHARE);
        this.baseNanos = policy.firstInterval().toNanos();
    }

    @Override
    public Duration firstDelay() {
        double factor = 0.75 + 0.5 * random.nextDouble();
        return Duration.ofNanos((long) (policy.initialDelay().toNanos() * factor));
    }

    @Override
    public Duration next(Instant now, TaskStatus status) {
        Instant end = estimator.observe(now, status);
        long grown = (long) Math.min(estimator.hasSignal() ? maxNanos : noSignalNanos, baseNanos);
        baseNanos = Math.min(maxNanos, baseNanos * policy.growth());
        if (end == null) {
            return Duration.ofNanos(grown);
        }
        long untilEnd = Duration.between(now, end).toNanos();
        if (untilEnd > 0) {
            overdue = 0;
            long target = untilEnd <= 2 * minNanos ? untilEnd
                    : Math.max(2 * minNanos, (long) (untilEnd * APPROACH_SHARE));
            if (untilEnd <= endWindowNanos) {
                target = Math.min(target, noSignalNanos);
            }
            return Duration.ofNanos(clamp(Math.min(grown, target)));
        }
        double late = minNanos * Math.pow(OVERDUE_GROWTH, overdue);
        overdue++;
        return Duration.ofNanos(clamp((long) Math.min(late, Math.min(grown, noSignalNanos))));
    }

    private long clamp(long nanos) {
        return Math.max(minNanos, Math.min(maxNanos, nanos));
    }
}
