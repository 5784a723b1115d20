package dev.cloudtask.internal;

import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * The default schedule of a wait. Long intervals are earned by evidence: a wait polls sparsely only
 * while its {@link ProgressEstimator prediction} says the end is still far off; wherever the end
 * may be near its delays are capped at the <em>no-signal cap</em>,
 * {@code maxInterval / }{@link #NO_SIGNAL_DIVISOR} (about 17 s with the default 2 min, never below
 * {@code firstInterval}), so it polls at least as often as a wait whose service reports no progress
 * at all.
 *
 * <ul>
 * <li>First poll: {@code initialDelay} scaled by a random factor in [0.75, 1.25) (the only
 *     jitter: it spreads waits started together).</li>
 * <li>No prediction: capped growth: {@code firstInterval}, then each interval {@code growth} times
 *     the one before, capped at {@code maxInterval} once a status of the wait has carried a progress
 *     signal. While none has, the cap is the no-signal cap, or {@link #NO_SIGNAL_SHARE} of the time
 *     the task has been running when that is longer (never more than {@code maxInterval}): the
 *     longer a task without a signal has run, the less likely it is to end in the next few seconds,
 *     so a long wait without a signal costs requests in proportion to the logarithm of its length,
 *     not to its length. The task counts as running since its submission when the wait was given
 *     one (a restarted step's wait thus carries on where the crashed one was), otherwise since the
 *     start of the wait.</li>
 * <li>A prediction: the end is taken as a logistic distribution around the predicted end, whose
 *     standard deviation is half the spread (at least {@link #MIN_SIGMA}). Its hazard {@code h(t)}
 *     is the chance per second that a task still running at {@code t} ends then. A poll {@code d}
 *     seconds ahead costs one request and saves about {@code h·d²/2} seconds of lag; the delay is the
 *     longest one still worth its request, {@code d² h(now + d) = 2 k} with {@code k} =
 *     {@link #LAG_PER_POLL}. Far before the end the hazard is tiny and the delay long; it shortens
 *     as the end nears and levels off past it, where the hazard of a logistic end stops growing.</li>
 * <li>That delay is bounded: while the early side of the prediction ({@code end − spread}) is more
 *     than a no-signal cap ahead, by the early side and the capped growth (so never more than
 *     {@code maxInterval}); from there on, inside the spread and past the predicted end, by the
 *     no-signal cap; never below {@link #MIN_INTERVAL}. A poll that finds the task running after
 *     the end predicted before it keeps the no-signal cap, even if the answer moves the prediction
 *     further out, until a poll lands before the early side of the prediction again.</li>
 * </ul>
 * The prediction is renewed from every answer, so a poll is planned from the latest evidence; a
 * regression, a stall or a passed end widens or moves the spread instead of discarding the
 * prediction.
 */
final class AdaptiveIntervals implements IntervalStrategy.Schedule {
    /** The shortest adaptive delay: one second, or {@code firstInterval} when that is shorter. */
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    /** The no-signal cap is {@code maxInterval} divided by this (about 17 s with the default 2 min). */
    static final double NO_SIGNAL_DIVISOR = 7;
    /**
     * A wait whose statuses carry no progress signal lets its delays grow past the no-signal cap to
     * this share of the time the task has been running: 0.5 %, so past the cap after about 57
     * minutes with the defaults, 1 minute after 3 h 20 min, {@code maxInterval} (2 min) after 6 h
     * 40 min.
     */
    static final double NO_SIGNAL_SHARE = 0.005;
    /** Seconds of detection lag one request is worth: the exchange rate of the planner. */
    static final double LAG_PER_POLL = 1.0;
    /** The smallest standard deviation of a predicted end the planner assumes, in seconds. */
    static final double MIN_SIGMA = 2.5;

    private static final double LOGISTIC_SCALE = Math.sqrt(3) / Math.PI; // scale per standard deviation

    private final AwaitPolicy policy;
    private final Random random;
    private final ProgressEstimator estimator = new ProgressEstimator();
    private final long minNanos;
    private final long maxNanos;
    private final long noSignalNanos;
    private final Instant began;
    private double baseNanos;
    private boolean passed;

    AdaptiveIntervals(AwaitPolicy policy, Random random, Instant since) {
        this.policy = policy;
        this.random = random;
        this.began = since;
        this.maxNanos = policy.maxInterval().toNanos();
        this.minNanos = Math.min(MIN_INTERVAL.toNanos(), policy.firstInterval().toNanos());
        this.noSignalNanos = Math.max(policy.firstInterval().toNanos(), (long) (maxNanos / NO_SIGNAL_DIVISOR));
        this.baseNanos = policy.firstInterval().toNanos();
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
        ProgressEstimator.Estimate before = estimator.estimate();
        if (before != null) {
            if (!now.isBefore(before.end())) {
                passed = true; // still running after the end it was predicted to have
            } else if (now.isBefore(before.early())) {
                passed = false;
            }
        }
        ProgressEstimator.Estimate e = estimator.observe(now, status);
        long grown = (long) Math.min(estimator.hasSignal() ? maxNanos : noSignalInterval(now), baseNanos);
        baseNanos = Math.min(maxNanos, baseNanos * policy.growth());
        if (e == null) {
            return Duration.ofNanos(clamp(grown));
        }
        long toEarly = Duration.between(now, e.early()).toNanos();
        long limit = clamp(toEarly > noSignalNanos && !passed ? Math.min(grown, toEarly) : noSignalNanos);
        return Duration.ofNanos(worthwhileDelay(now, e, limit));
    }

    /** The cap of a wait without a progress signal: the no-signal cap or a share of the time the task has run. */
    private long noSignalInterval(Instant now) {
        long share = (long) (Duration.between(began, now).toNanos() * NO_SIGNAL_SHARE);
        return Math.min(maxNanos, Math.max(noSignalNanos, share));
    }

    /** The longest delay in [min, limit] whose poll is still worth its request (see the class comment). */
    private long worthwhileDelay(Instant now, ProgressEstimator.Estimate e, long limit) {
        double sigma = Math.max(MIN_SIGMA, e.spread().toNanos() / 1e9 / ProgressEstimator.SPREAD_SIGMAS);
        double scale = sigma * LOGISTIC_SCALE;
        double toEnd = Duration.between(now, e.end()).toNanos() / 1e9;
        double lo = minNanos / 1e9;
        double hi = limit / 1e9;
        if (worthwhile(hi, toEnd, scale)) {
            return limit;
        }
        for (int i = 0; i < 40; i++) { // d² h(now + d) grows with d: bisect
            double mid = (lo + hi) / 2;
            if (worthwhile(mid, toEnd, scale)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Math.max(minNanos, (long) (lo * 1e9));
    }

    /** Whether a poll {@code d} seconds ahead is worth its request: {@code d² h(now + d) <= 2 k}. */
    private static boolean worthwhile(double d, double toEnd, double scale) {
        double z = (d - toEnd) / scale;
        double hazard = z < -700 ? 0 : 1 / (scale * (1 + Math.exp(-z))); // logistic hazard: F(z) / scale
        return d * d * hazard <= 2 * LAG_PER_POLL;
    }

    private long clamp(long nanos) {
        return Math.max(minNanos, Math.min(maxNanos, nanos));
    }
}
