package dev.cloudtask;

import java.time.Duration;
import java.util.Objects;

/**
 * How a wait ended.
 *
 * @param kind what happened
 * @param ref the task waited for
 * @param lastStatus the last status read, or null if no poll succeeded
 * @param polls how many progress requests were answered (any HTTP status)
 * @param errors how many of them, or of failed attempts, were errors (429 is not counted)
 * @param elapsed time from the start of the wait to its end
 * @param errorCode FAILED: the remote error code; ERROR: the service's error code or HTTP status;
 *     otherwise null
 * @param detail a human-readable explanation (never contains credentials), or null
 */
public record AwaitOutcome(
        Kind kind,
        TaskRef ref,
        TaskStatus lastStatus,
        int polls,
        int errors,
        Duration elapsed,
        String errorCode,
        String detail) {

    /** The ways a wait can end. */
    public enum Kind {
        /** The remote task ended successfully. */
        SUCCEEDED,
        /** The remote task ended in failure (or, in strict mode, in a state this library does not know). */
        FAILED,
        /** The policy's timeout passed before the remote task ended; the task may still be running. */
        TIMED_OUT,
        /** The wait was stopped (for example by {@code JobOperator.stop}); the task may still be running. */
        STOPPED,
        /**
         * The task's progress could not be read: a non-retryable HTTP error (400, 403, 404 after the
         * grace period, a rejected credential) or the transient-error budget was used up.
         */
        ERROR
    }

    public AwaitOutcome {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
