package dev.cloudtask;

/**
 * The normalized state of a remote task, the same for all four services.
 *
 * <p>{@link #UNKNOWN} means the service sent a state this library does not know; it is treated as
 * still running unless the wait is in strict mode, and the raw value is kept in
 * {@link TaskStatus#remoteState()}.
 */
public enum TaskState {
    RUNNING,
    SUCCEEDED,
    FAILED,
    UNKNOWN;

    /** Whether the task has ended, successfully or not. */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED;
    }
}
