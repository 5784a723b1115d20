package dev.cloudtask;

import dev.cloudtask.internal.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * How to wait for one remote task. Immutable; every field is validated at construction.
 *
 * <p>Polls start after {@code initialDelay} (with jitter on this first poll only), then the
 * interval starts at {@code firstInterval} and grows by {@code growth} up to {@code maxInterval}.
 * Where the service reports percent, remaining time or sub-job completion, the engine predicts the
 * end with an uncertainty and plans each poll from it, never more than {@code maxInterval} apart
 * and never beyond the early side of the uncertainty; where the end may be near (no progress
 * reported, inside the uncertainty, or past the prediction) polls come at most every
 * {@code maxInterval / 7} (about 17 s with the defaults); a wait whose service reports no progress
 * at all lets that grow to 0.5 % of the time the task has been running (since its submission when
 * the wait knows it), once that is longer. With
 * the default {@code maxInterval} of 2 minutes a task that fails early is seen within 2 minutes.
 * The wait always ends by {@code timeout}.
 *
 * @param initialDelay delay before the first poll
 * @param firstInterval interval after the first poll
 * @param growth factor by which the interval grows after each poll without a predicted end (>= 1)
 * @param maxInterval longest interval between two polls
 * @param timeout overall bound of the wait (always bounded, > 0)
 * @param errorBudget how many transient errors in a row are retried before the wait fails
 * @param notFoundGrace how long after submission a 404 is taken as "not visible yet"
 * @param strict whether an unknown remote state fails the wait instead of counting as running
 */
public record AwaitPolicy(
        Duration initialDelay,
        Duration firstInterval,
        double growth,
        Duration maxInterval,
        Duration timeout,
        int errorBudget,
        Duration notFoundGrace,
        boolean strict) {

    public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofSeconds(2);
    public static final Duration DEFAULT_FIRST_INTERVAL = Duration.ofSeconds(4);
    public static final double DEFAULT_GROWTH = 1.4;
    public static final Duration DEFAULT_MAX_INTERVAL = Duration.ofMinutes(2);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(6);
    public static final int DEFAULT_ERROR_BUDGET = 10;
    public static final Duration DEFAULT_NOT_FOUND_GRACE = Duration.ofMinutes(2);
    public static final boolean DEFAULT_STRICT = false;

    public AwaitPolicy {
        nonNegative("initialDelay", initialDelay);
        positive("firstInterval", firstInterval);
        positive("maxInterval", maxInterval);
        positive("timeout", timeout);
        nonNegative("notFoundGrace", notFoundGrace);
        if (!(growth >= 1.0) || Double.isInfinite(growth)) {
            throw new IllegalArgumentException("growth '" + growth + "' must be a number >= 1");
        }
        if (maxInterval.compareTo(firstInterval) < 0) {
            throw new IllegalArgumentException("maxInterval '" + Durations.format(maxInterval)
                    + "' must not be shorter than firstInterval '" + Durations.format(firstInterval) + "'");
        }
        if (errorBudget < 0) {
            throw new IllegalArgumentException("errorBudget '" + errorBudget + "' must not be negative");
        }
    }

    /** The documented defaults. */
    public static AwaitPolicy ofDefaults() {
        return new AwaitPolicy(DEFAULT_INITIAL_DELAY, DEFAULT_FIRST_INTERVAL, DEFAULT_GROWTH,
                DEFAULT_MAX_INTERVAL, DEFAULT_TIMEOUT, DEFAULT_ERROR_BUDGET, DEFAULT_NOT_FOUND_GRACE,
                DEFAULT_STRICT);
    }

    public AwaitPolicy withInitialDelay(Duration v) {
        return new AwaitPolicy(v, firstInterval, growth, maxInterval, timeout, errorBudget, notFoundGrace, strict);
    }

    public AwaitPolicy withFirstInterval(Duration v) {
        return new AwaitPolicy(initialDelay, v, growth, maxInterval, timeout, errorBudget, notFoundGrace, strict);
    }

    public AwaitPolicy withGrowth(double v) {
        return new AwaitPolicy(initialDelay, firstInterval, v, maxInterval, timeout, errorBudget, notFoundGrace, strict);
    }

    public AwaitPolicy withMaxInterval(Duration v) {
        return new AwaitPolicy(initialDelay, firstInterval, growth, v, timeout, errorBudget, notFoundGrace, strict);
    }

    public AwaitPolicy withTimeout(Duration v) {
        return new AwaitPolicy(initialDelay, firstInterval, growth, maxInterval, v, errorBudget, notFoundGrace, strict);
    }

    public AwaitPolicy withErrorBudget(int v) {
        return new AwaitPolicy(initialDelay, firstInterval, growth, maxInterval, timeout, v, notFoundGrace, strict);
    }

    public AwaitPolicy withNotFoundGrace(Duration v) {
        return new AwaitPolicy(initialDelay, firstInterval, growth, maxInterval, timeout, errorBudget, v, strict);
    }

    public AwaitPolicy withStrict(boolean v) {
        return new AwaitPolicy(initialDelay, firstInterval, growth, maxInterval, timeout, errorBudget, notFoundGrace, v);
    }

    private static void nonNegative(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " '" + d + "' must not be negative");
        }
    }

    private static void positive(String name, Duration d) {
        nonNegative(name, d);
        if (d.isZero()) {
            throw new IllegalArgumentException(name + " '" + d + "' must be longer than zero");
        }
    }
}
