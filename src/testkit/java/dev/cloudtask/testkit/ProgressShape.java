package dev.cloudtask.testkit;

/**
 * How a simulated task's reported progress moves while it runs. {@code x} below is the share of the
 * timeline's duration that has run; the curve kinds take their parameters from {@link Timeline}.
 */
public enum ProgressShape {
    /** Progress grows evenly with time from 0 to 100. */
    LINEAR,
    /** Progress jumps when a step finishes: {@code 100 * finishedSteps / steps}. */
    STEPS,
    /** Linear, but frozen for a while ({@link Timeline.Builder#stall}). */
    STALLED,
    /** No progress figure at all (progress / remain_time / total_progress are left out). */
    NOT_REPORTED,
    /** Accelerating, then decelerating: {@code 3x² − 2x³}. */
    S_CURVE,
    /**
     * Almost flat, then a rush ({@link Timeline.Builder#lateRush}): grows evenly to
     * {@code rushFrom} % until {@code rushAfter}, then evenly to the end.
     */
    LATE_RUSH,
    /**
     * Linear with regressions ({@link Timeline.Builder#dip}): during each dip the progress is
     * {@code points} lower, so it goes backwards when the dip starts and jumps forward when it ends.
     */
    DIPS,
    /**
     * Linear but fast ({@link Timeline.Builder#overshoot}): reaches 100 % at {@code fullAt} and
     * reports 100 % while still running until the end of the duration.
     */
    OVERSHOOT,
    /**
     * Steps of uneven length ({@link Timeline.Builder#coarseSteps}): n step ends make n + 1 steps of
     * {@code 100 / (n + 1)} % each; progress jumps at each end (0, 25, 50, 75 % for three ends).
     */
    COARSE_STEPS;

    /** Whether this is one of the curve kinds (S_CURVE, LATE_RUSH, DIPS, OVERSHOOT, COARSE_STEPS). */
    public boolean isCurve() {
        return ordinal() >= S_CURVE.ordinal();
    }
}
