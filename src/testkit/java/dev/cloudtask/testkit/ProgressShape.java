package dev.cloudtask.testkit;

/** How a simulated task's reported progress moves while it runs. */
public enum ProgressShape {
    /** Progress grows evenly with time from 0 to 100. */
    LINEAR,
    /** Progress jumps when a step finishes: {@code 100 * finishedSteps / steps}. */
    STEPS,
    /** Linear, but frozen for a while ({@link Timeline.Builder#stall}). */
    STALLED,
    /** No progress figure at all (progress / remain_time / total_progress are left out). */
    NOT_REPORTED
}
