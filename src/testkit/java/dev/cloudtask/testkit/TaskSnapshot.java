package dev.cloudtask.testkit;

import java.time.Instant;
import java.util.List;

/**
 * What a simulated task looks like at one instant, independent of any service's JSON shape.
 *
 * @param phase queued, running, succeeded or failed
 * @param progress percent 0..100, or null when the timeline does not report progress
 * @param remainingSeconds the remaining time reported ({@link Timeline#remainingAfter}; while queued
 *     the time until the planned end), 0 when finished, null when none is reported
 * @param steps the steps with their state and times
 * @param startedAt when it started running, null while queued
 * @param endedAt when it ended, null while not finished
 * @param updatedAt the last time something changed (never after {@code now})
 */
record TaskSnapshot(Phase phase, Integer progress, Long remainingSeconds, List<StepView> steps,
        Instant startedAt, Instant endedAt, Instant updatedAt) {

    /** Lifecycle phase of a simulated task. */
    enum Phase {
        QUEUED, RUNNING, SUCCEEDED, FAILED;

        boolean finished() {
            return this == SUCCEEDED || this == FAILED;
        }
    }

    /** State of a step, in DCS terms. */
    enum StepState {
        WAITING, EXECUTING, FINISH, FAILED
    }

    /**
     * A step or sub-step at this instant.
     *
     * @param name its name
     * @param state its state
     * @param begin when it began, null while waiting
     * @param end when it ended, null while waiting or executing
     * @param subSteps its sub-steps (empty for a sub-step)
     */
    record StepView(String name, StepState state, Instant begin, Instant end, List<StepView> subSteps) {
    }
}
