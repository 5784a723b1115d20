package dev.cloudtask.batch;

import jakarta.batch.runtime.context.StepContext;

/**
 * Thrown by a cloudtask artifact to end its step FAILED: the remote task failed, the wait timed
 * out, the task's progress could not be read, or a job-XML property is bad. The step's exit status
 * is set before it is thrown; the message says which task (or property), what happened and the
 * exit status.
 *
 * <p>Jakarta Batch gives an artifact no other way to end its step FAILED (and so restartable) than
 * an exception. The end of a wait (remote failure, timeout, unreadable progress) is an expected
 * outcome, not a bug: that exception carries no stack trace, and the library does not log it
 * itself, so the batch runtime's report of the failed step is the only log record, and it holds
 * this message. A bad property is expected too (no stack trace), but also logged at SEVERE (see
 * {@link #invalidProperty}). Unexpected errors keep their stack traces.
 */
public class CloudTaskStepException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An expected failure: the message alone, without a stack trace. */
    static CloudTaskStepException expected(String message) {
        return new CloudTaskStepException(message, null, false);
    }

    /**
     * A bad job-XML property of {@code artifact}: sets the step's exit status to
     * {@code INVALID_PROPERTY:<property>} and logs the message at SEVERE. The exception, like an
     * expected failure's, carries the same message and no stack trace: the SEVERE line stays because
     * OpenLiberty writes the runtime's report of the exception to the job log only, not to the
     * server's log.
     *
     * @param e what is wrong, naming the property, where its value came from and the value
     * @return the exception that ends the step
     */
    static CloudTaskStepException invalidProperty(StepContext step, JobXmlProperty.Artifact artifact,
            IllegalArgumentException e, String property) {
        String message = artifact.ref() + " in step " + step.getStepName() + ": " + e.getMessage();
        step.setExitStatus(StepOutcome.INVALID_PROPERTY_PREFIX + property);
        ProgressReporter.LOG.severe(message);
        return expected(message);
    }

    private CloudTaskStepException(String message, Throwable cause, boolean stackTrace) {
        super(message, cause, false, stackTrace);
    }

    public CloudTaskStepException(String message) {
        super(message);
    }

    public CloudTaskStepException(String message, Throwable cause) {
        super(message, cause);
    }
}
