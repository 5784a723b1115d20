package dev.cloudtask.internal;

import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * Not an API: when to poll next. The engine asks a per-wait {@link Schedule} for the delay before
 * the first poll and after every answered poll that did not end the wait. Errors, throttling and the
 * timeout are the engine's business, not the strategy's.
 *
 * <p>The engine's schedule is {@link #adaptive()}, driven by the {@link AwaitPolicy}. The
 * polling-efficiency benchmark plugs the fixed and exponential strategies of well-known waiters in
 * here ({@link EngineFactory}), so they run through the same engine.
 */
public interface IntervalStrategy {

    /**
     * Starts the schedule of one wait.
     *
     * @param policy the wait's policy
     * @param random the engine's source of jitter
     * @param since when the task is known to have been running since: its submission when the caller
     *     gave one that is not later than the start of the wait, otherwise the start of the wait
     */
    Schedule start(AwaitPolicy policy, Random random, Instant since);

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

    /**
     * The default: the policy's initial delay with jitter on the first poll only, then capped
     * growth (capped at {@code maxInterval / 7}, or 0.5 % of the time since the task began when that
     * is longer, while the service reports no progress signal),
     * and, where the status reports progress or remaining time, polls planned from the predicted
     * end and its uncertainty (see {@code AdaptiveIntervals}).
     */
    static IntervalStrategy adaptive() {
        return AdaptiveIntervals::new;
    }
}
