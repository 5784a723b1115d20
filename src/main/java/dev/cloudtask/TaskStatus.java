package dev.cloudtask;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One observation of a remote task, normalized over the four services.
 *
 * @param state the normalized state
 * @param percent overall progress 0..100, or null when the service does not report it (CCE)
 * @param remoteState the state string exactly as the service sent it (null if it sent none)
 * @param steps the task's steps / sub-jobs in the order sent (never null)
 * @param errorCode the remote error code on failure (or as sent), null when none
 * @param errorMessage the remote error detail, null when none
 * @param remaining the remaining time the service predicts (DCS {@code remain_time}), or null
 * @param subTasksDone CCE: how many sub-jobs have ended successfully, or null for other services
 * @param subTasksTotal CCE: how many sub-jobs there are, or null for other services
 */
public record TaskStatus(
        TaskState state,
        Integer percent,
        String remoteState,
        List<TaskStep> steps,
        String errorCode,
        String errorMessage,
        Duration remaining,
        Integer subTasksDone,
        Integer subTasksTotal) {

    public TaskStatus {
        Objects.requireNonNull(state, "state");
        if (percent != null && (percent < 0 || percent > 100)) {
            throw new IllegalArgumentException("percent must be 0..100, was " + percent);
        }
        steps = steps == null ? List.of() : List.copyOf(steps);
        if (remaining != null && remaining.isNegative()) {
            remaining = Duration.ZERO;
        }
    }

    /** A status with only a state and a remote state string. */
    public static TaskStatus of(TaskState state, String remoteState) {
        return new TaskStatus(state, null, remoteState, List.of(), null, null, null, null, null);
    }
}
