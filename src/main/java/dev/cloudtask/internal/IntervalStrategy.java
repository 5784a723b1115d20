package dev.cloudtask.internal;

import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Random;

/**
 * When to poll next: the engine asks a per-wait {@link Schedule} for the delay before the first
 * poll and after every answered poll that did not end the wait. Errors, throttling and the timeout
 * are the engine's business, not the strategy's.
 *
 * <p>The default is {@link #adaptive()}, driven by the {@link AwaitPolicy}. The other factories
 * reproduce the fixed and exponential strategies of well-known waiters (they ignore the policy's
 * interval fields; the policy's timeout, error budget and 404 grace still apply), so a benchmark can
 * run them through the same engine.
 */
public interface IntervalStrategy {

    /** Starts the schedule of one wait. */
    Schedule start(AwaitPolicy policy, Random random);

    /** The schedule of one wait; used by one wait only, never concurrently. */
    interface Schedule {
        /** Delay from the start of the wait to the first poll. */
        Duration firstDelay();

        /** Delay from {@code now} to the next poll, after a poll answered {@code status} (not terminal). */
        Duration next(Instant now, TaskStatus status);

        /** The predicted end after the latest {@link #next}, or null when this schedule makes none. */
        default ProgressEstimator.Estimate estimate() {
            return null;
        }
    }

    /** How a baseline strategy randomizes each delay. */
    enum Jitter {
        /** The computed delay as is. */
        NONE,
        /** Uniform in [0, computed delay] ("full jitter", Google gax). */
        FULL,
        /** Uniform in [first delay, computed delay] (AWS waiter specification). */
        FROM_FIRST
    }

    /**
     * The default: the policy's initial delay with jitter on the first poll only, then capped
     * growth (capped at {@code maxInterval × 0.15} while the service reports no progress signal),
     * and, where the status reports progress or remaining time, polls at the early side of the
     * predicted end (see {@link AdaptiveIntervals}).
     */
    static IntervalStrategy adaptive() {
        return AdaptiveIntervals::new;
    }

    /** A poll every {@code every}, the first one after {@code every} too. */
    static IntervalStrategy fixed(Duration every) {
        return exponential(every, 1.0, every, Jitter.NONE);
    }

    /**
     * Exponential backoff: delays {@code first}, {@code first*factor}, ... up to {@code max}, each
     * randomized per {@code jitter}.
     */
    static IntervalStrategy exponential(Duration first, double factor, Duration max, Jitter jitter) {
        Objects.requireNonNull(jitter, "jitter");
        AwaitPolicy check = AwaitPolicy.ofDefaults().withFirstInterval(first).withMaxInterval(max)
                .withGrowth(factor); // validates the three values with the policy's messages
        return (policy, random) -> new Schedule() {
            private double current = check.firstInterval().toNanos();

            @Override
            public Duration firstDelay() {
                return draw();
            }

            @Override
            public Duration next(Instant now, TaskStatus status) {
                return draw();
            }

            private Duration draw() {
                double ceiling = current;
                current = Math.min(check.maxInterval().toNanos(), current * check.growth());
                double floor = switch (jitter) {
                    case NONE -> ceiling;
                    case FULL -> 0;
                    case FROM_FIRST -> check.firstInterval().toNanos();
                };
                return Duration.ofNanos((long) (floor + (ceiling - floor) * random.nextDouble()));
            }
        };
    }
}
