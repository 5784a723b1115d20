package dev.cloudtask.internal;

import dev.cloudtask.TaskStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * Predicts when a task will end from the progress it reports. One per wait; not thread-safe.
 *
 * <p>The estimator:
 * <ol>
 * <li>It reads a completed fraction: {@code percent / 100}, or CCE
 *     {@code subTasksDone / subTasksTotal}.</li>
 * <li>It keeps two change points: the first and the latest moment the fraction was seen to grow.
 *     A change is dated at the middle between the poll that saw it and the poll before, which
 *     halves the error that polling introduces (progress often moves in integer percent or whole
 *     steps).</li>
 * <li>The rate is the growth between the two change points divided by the time between them; the
 *     end is predicted at {@code latestChange + (1 - fraction) / rate}. Averaging over the whole span
 *     smooths out steps and stalls; a fraction that goes backwards restarts the estimate.</li>
 * <li>If the status carries a remaining time (DCS {@code remain_time}), {@code now + remaining}
 *     is a second prediction; the earlier of the two is used (an early prediction costs one poll,
 *     a late one costs detection lag).</li>
 * </ol>
 * Without a remaining time or two distinct change points there is no prediction (null).
 * {@link #hasSignal()} tells whether any status so far carried a fraction or a remaining time,
 * even before a prediction is possible.
 */
final class ProgressEstimator {
    private Instant previousPollAt;
    private double lastFraction = Double.NaN;
    private Instant firstChangeAt;
    private double firstChangeFraction;
    private Instant lastChangeAt;
    private boolean signal;

    /** Whether any status so far carried a completed fraction or a remaining time. */
    boolean hasSignal() {
        return signal;
    }

    /**
     * Records one observation.
     *
     * @return the predicted end, or null when the status gives nothing to predict from
     */
    Instant observe(Instant now, TaskStatus status) {
        Instant before = previousPollAt;
        previousPollAt = now;
        double fraction = fraction(status);
        signal |= !Double.isNaN(fraction) || status.remaining() != null;
        Instant predicted = null;
        if (!Double.isNaN(fraction)) {
            predicted = track(before, now, fraction);
        }
        if (status.remaining() != null) {
            Instant told = now.plus(status.remaining());
            return predicted == null || told.isBefore(predicted) ? told : predicted;
        }
        return predicted;
    }

    private Instant track(Instant before, Instant now, double fraction) {
        if (Double.isNaN(lastFraction) || fraction < lastFraction) {
            lastFraction = fraction;
            firstChangeAt = null;
            lastChangeAt = null;
            return null;
        }
        if (fraction > lastFraction) {
            Instant changedAt = before == null ? now : middle(before, now);
            if (firstChangeAt == null) {
                firstChangeAt = changedAt;
                firstChangeFraction = fraction;
            }
            lastChangeAt = changedAt;
            lastFraction = fraction;
        }
        if (firstChangeAt == null || lastFraction <= firstChangeFraction) {
            return null;
        }
        double seconds = Duration.between(firstChangeAt, lastChangeAt).toNanos() / 1e9;
        if (seconds <= 0) {
            return null;
        }
        double rate = (lastFraction - firstChangeFraction) / seconds;
        double left = (1.0 - lastFraction) / rate;
        return lastChangeAt.plusNanos((long) Math.min(left * 1e9, 1e18));
    }

    private static Instant middle(Instant a, Instant b) {
        return a.plusNanos(Duration.between(a, b).toNanos() / 2);
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
