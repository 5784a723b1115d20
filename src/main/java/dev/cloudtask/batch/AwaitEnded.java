package dev.cloudtask.batch;

import dev.cloudtask.AwaitOutcome;
import java.util.Objects;

/**
 * Fired as a CDI event when a wait of an {@code awaitCloudTask} step (or partition) or of an
 * {@code awaitCloudTaskListener} has ended, after the step's exit status was set and before the
 * step returns or fails. An application observes it with {@code void on(@Observes AwaitEnded e)},
 * for example to record how many polls a step needed; observers run on the batch step's thread,
 * and an observer that throws is logged at WARNING and does not change the step's outcome.
 *
 * <p>With several tasks (fan-in) it is fired once per step, for the outcome that decided the step.
 *
 * @param jobName the job's name
 * @param executionId the job execution id
 * @param stepName the step's id (for a partition: the partitioned step's id)
 * @param outcome how the wait ended: the task, its last status, the number of polls, the elapsed time
 * @param exitStatus the exit status the step was given ({@link StepOutcome})
 * @param failsStep whether the step fails (batch status FAILED); false when it completes, and when
 *     {@code JobOperator.stop} stopped it (batch status STOPPED)
 */
public record AwaitEnded(String jobName, long executionId, String stepName, AwaitOutcome outcome,
        String exitStatus, boolean failsStep) {
    public AwaitEnded {
        Objects.requireNonNull(stepName, "stepName");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(exitStatus, "exitStatus");
    }
}
