package dev.cloudtask;

import java.util.concurrent.CompletionStage;

/** A wait in progress: its outcome, and the way to stop it. */
public interface AwaitHandle {
    /** The task waited for. */
    TaskRef ref();

    /** Completes once with the outcome; never completes exceptionally. */
    CompletionStage<AwaitOutcome> outcome();

    /**
     * Ends the wait at once with {@link AwaitOutcome.Kind#STOPPED}, even while a request is in
     * flight. Idempotent; does nothing once the wait has ended.
     */
    void stop();

    /**
     * Blocks until the outcome is known. An interrupt of the calling thread stops the wait and
     * returns the STOPPED outcome.
     */
    AwaitOutcome join();
}
