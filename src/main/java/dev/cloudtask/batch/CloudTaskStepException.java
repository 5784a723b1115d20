package dev.cloudtask.batch;

/**
 * Thrown by a cloudtask artifact to end its step FAILED: the remote task failed, the wait timed
 * out, or the task's progress could not be read. The step's exit status is set before it is
 * thrown; the message says which task and why.
 */
public class CloudTaskStepException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CloudTaskStepException(String message) {
        super(message);
    }

    public CloudTaskStepException(String message, Throwable cause) {
        super(message, cause);
    }
}
