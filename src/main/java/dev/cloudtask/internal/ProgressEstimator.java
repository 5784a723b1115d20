package dev.cloudtask.internal;

import dev.cloudtask.TaskStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * Predicts when a task will end from the progress it reports, treating each reading as a noisy
 * measurement: the prediction is an end with a spread that narrows as evidence accumulates. One per
 * wait; not thread-safe.
 *
 * <ol>
 * <li>A reading is a completed fraction: {@code percent / 100}, or CCE
 *     {@code subTasksDone / subTasksTotal}.</li>
 * <li>A <em>change</em> is a reading above the highest one so far. It happened between the poll that
 *     saw it and the poll before: grown by one step (the smallest growth seen), it is dated at the
 *     middle of that window; grown by k steps, in the middle of the window's last 1/k. Half of that
 *     is its dating error. A reading below the highest one (a regression) is not a change; its depth
 *     is kept as the measurement noise of this task.</li>
 * <li>Two rates: from the first to the latest change, and from a change in the middle of that span
 *     to the latest (the recent rate). The end is where the recent rate carries the latest change to
 *     1. If the reading has not grown by one more step by now (and did not regress), progress is
 *     slower: the rate is at most that step over the time since the middle change, the fraction is
 *     taken in the middle of its step, and the time it has stood still adds to the error.</li>
 * <li>The spread (the end is expected within {@code end ± spread}) is {@link #SPREAD_SIGMAS} times the
 *     combined error of: the dating errors, carried over the time left; a model error of
 *     {@link #MODEL_ERROR} of the time left, divided by the square root of the number of changes
 *     after the first; the deepest regression, divided by the rate; the disagreement between the two
 *     rates; and the time the reading has stood still. A task still running after the end this
 *     gives is predicted to end now, and the time by which that end was passed joins the error.</li>
 * <li>A status that carries a remaining time (DCS {@code remain_time}) gives a second end,
 *     {@code now + remaining}; when it is earlier, the prediction is that end and the early side the
 *     earlier of both. While the task outlives the ends it told, the time since the first one it
 *     outlived is that end's spread.</li>
 * </ol>
 * With fewer than two changes and no remaining time there is no prediction (null); a regression
 * never discards the evidence. {@link #hasSignal()} tells whether any status so far carried a
 * fraction or a remaining time, even before a prediction is possible.
 */
final class ProgressEstimator {
    /** The spread is this many standard errors of the predicted end. */
    static final double SPREAD_SIGMAS = 2.0;
    /** Relative error of the time left extrapolated from two changes (divided by √(changes − 1)). */
    static final double MODEL_ERROR = 0.25;

    private static final long NONE = Long.MIN_VALUE;
    private static final double SQRT3 = Math.sqrt(3);

    private long previousPollAt = NONE;
    private double highest = Double.NaN;
    private double step = Double.POSITIVE_INFINITY;
    private double dip;
    private int changes;
    private long firstAt;
    private long firstHalf;
    private double firstFraction;
    private long midAt;
    private long midHalf;
    private double midFraction;
    private long lastAt;
    private long lastHalf;
    private double lastFraction;
    private boolean signal;
    private long endAt = NONE;
    private long lastTold = NONE;
    private long toldPassedSince = NONE;
    private long spread;

    /**
     * A predicted end.
     *
     * @param end the most likely end
     * @param spread the end is expected within {@code end ± spread}
     */
    record Estimate(Instant end, Duration spread) {
        /** The early side: the earliest end the evidence makes likely. */
        Instant early() {
            return end.minus(spread);
        }

        /** The late side: the latest end the evidence makes likely. */
        Instant late() {
            return end.plus(spread);
        }
    }

    /** Whether any status so far carried a completed fraction or a remaining time. */
    boolean hasSignal() {
        return signal;
    }

    /** The prediction after the latest observation, or null when there is none. */
    Estimate estimate() {
        return endAt == NONE ? null : new Estimate(instant(endAt), Duration.ofNanos(spread));
    }

    /**
     * Records one observation.
     *
     * @return the prediction, or null when the statuses so far give nothing to predict from
     */
    Estimate observe(Instant now, TaskStatus status) {
        long t = nanos(now);
        long before = previousPollAt;
        previousPollAt = t;
        double fraction = fraction(status);
        signal |= !Double.isNaN(fraction) || status.remaining() != null;
        boolean below = fraction < highest; // a regression says nothing about a stall
        if (!Double.isNaN(fraction)) {
            track(before, t, fraction);
        }
        endAt = NONE;
        if (changes >= 2 && lastAt > firstAt) {
            predict(t, below);
        }
        if (status.remaining() != null) {
            long told = t + seconds(status.remaining().getSeconds() + status.remaining().getNano() / 1e9);
            if (lastTold != NONE && t >= lastTold) {
                if (toldPassedSince == NONE) {
                    toldPassedSince = lastTold; // the task outlived the end it told
                }
            } else {
                toldPassedSince = NONE;
            }
            lastTold = told;
            long toldSpread = toldPassedSince == NONE ? 0 : t - toldPassedSince;
            if (endAt == NONE) {
                endAt = told;
                spread = toldSpread;
            } else if (told < endAt) {
                long early = Math.min(endAt - spread, told - toldSpread);
                endAt = told;
                spread = told - early;
            }
        }
        return estimate();
    }

    private void track(long before, long now, double fraction) {
        if (Double.isNaN(highest)) {
            highest = fraction;
            return;
        }
        if (fraction < highest) {
            dip = Math.max(dip, highest - fraction);
            return;
        }
        if (fraction == highest) {
            return;
        }
        double growth = fraction - highest;
        step = Math.min(step, growth);
        highest = fraction;
        // the new value was crossed within the last 1/k of the window, k the steps it grew by
        double k = Math.max(1, Math.rint(growth / step));
        long half = (long) ((now - before) / (2 * k));
        long at = now - half;
        if (changes == 0) {
            firstAt = at;
            firstHalf = half;
            firstFraction = fraction;
            midAt = at;
            midHalf = half;
            midFraction = fraction;
        } else if (at - midAt > 2 * (midAt - firstAt)) {
            midAt = lastAt; // keep the middle anchor in the middle third of the span
            midHalf = lastHalf;
            midFraction = lastFraction;
        }
        lastAt = at;
        lastHalf = half;
        lastFraction = fraction;
        changes++;
    }

    private void predict(long now, boolean regressed) {
        double span = (lastAt - firstAt) / 1e9;
        double sinceFirst = (now - firstAt) / 1e9;
        double left = Math.max(0, 1.0 - lastFraction);
        double next = Math.min(step, left); // the step still possible
        // two rates: over the whole span, and over its latter part (from the middle anchor)
        double whole = (lastFraction - firstFraction) / span;
        boolean hasRecent = lastAt > midAt && midAt > firstAt;
        double recent = hasRecent ? (lastFraction - midFraction) / ((lastAt - midAt) / 1e9) : whole;
        long recentHalf = hasRecent ? midHalf : firstHalf;
        double recentSpan = hasRecent ? (lastAt - midAt) / 1e9 : span;
        double rate = recent;
        double end; // seconds after firstAt
        double reading = 0;
        double stalled = hasRecent ? (lastFraction + next - midFraction) / ((now - midAt) / 1e9)
                : (lastFraction + next - firstFraction) / sinceFirst;
        if (!regressed && stalled < Math.min(whole, recent)) {
            // no further step by now: the rate is at most that, and the fraction is inside the step
            rate = stalled;
            end = sinceFirst + (left - next / 2) / rate; // now, plus the time to carry the fraction to 1
            reading = Math.max(next / 2 / rate / SQRT3, (now - lastAt) / 1e9);
        } else {
            end = span + left / rate;
        }
        if (end < sinceFirst) {
            // still running after the end the rate gives: the end is not behind us, and how far it
            // was passed is how wrong the rate was
            reading = Math.max(reading, sinceFirst - end);
            end = sinceFirst;
        }
        double toEnd = Math.max(0, end - span); // time left after the latest change
        double dating = (lastHalf / 1e9 + toEnd * (recentHalf + lastHalf) / 1e9 / recentSpan) / SQRT3;
        double model = MODEL_ERROR * toEnd / Math.sqrt(changes - 1);
        double noise = dip / rate;
        double disagree = Math.abs(left / whole - left / recent) / SPREAD_SIGMAS;
        double sigma = Math.sqrt(dating * dating + reading * reading + model * model + noise * noise
                + disagree * disagree);
        endAt = firstAt + seconds(end);
        spread = seconds(SPREAD_SIGMAS * sigma);
    }

    private static long seconds(double s) {
        return (long) Math.min(s * 1e9, 1e17); // about three years: far enough, no overflow
    }

    /** Nanoseconds since the epoch (a wait's instants fit until the year 2262). */
    static long nanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    private static double fraction(TaskStatus s) {
        if (s.percent() != null) {
            return s.percent() / 100.0;
        }
        if (s.subTasksDone() != null && s.subTasksTotal() != null && s.subTasksTotal() > 0) {
            return Math.min(1.0, s.subTasksDone() / (double) s.subTasksTotal());
        }
        return Double.NaN;
    }
}
