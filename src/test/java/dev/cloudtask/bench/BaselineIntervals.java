package dev.cloudtask.bench;

import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.internal.IntervalStrategy;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The fixed and exponential schedules of well-known waiters, as interval strategies of the engine,
 * so the benchmark runs them through the same engine as ours. They ignore the policy's interval
 * fields; the policy's timeout, error budget and 404 grace still apply.
 */
public final class BaselineIntervals {
    private BaselineIntervals() {
    }

    /** How a baseline strategy randomizes each delay. */
    public enum Jitter {
        /** The computed delay as is. */
        NONE,
        /** Uniform in [0, computed delay] ("full jitter", Google gax). */
        FULL,
        /** Uniform in [first delay, computed delay] (AWS waiter specification). */
        FROM_FIRST
    }

    /** A poll every {@code every}, the first one after {@code every} too. */
    public static IntervalStrategy fixed(Duration every) {
        return exponential(every, 1.0, every, Jitter.NONE);
    }

    /**
     * Exponential backoff: delays {@code first}, {@code first*factor}, ... up to {@code max}, each
     * randomized per {@code jitter}.
     *
     * @throws IllegalArgumentException for values the policy would reject (e.g. {@code max < first})
     */
    public static IntervalStrategy exponential(Duration first, double factor, Duration max, Jitter jitter) {
        Objects.requireNonNull(jitter, "jitter");
        AwaitPolicy check = AwaitPolicy.ofDefaults().withFirstInterval(first).withMaxInterval(max)
                .withGrowth(factor); // validates the three values with the policy's messages
        return (policy, random, since) -> new IntervalStrategy.Schedule() {
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
