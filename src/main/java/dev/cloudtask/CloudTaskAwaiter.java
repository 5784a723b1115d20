package dev.cloudtask;

import java.time.Instant;

/**
 * Waits for remote tasks. One instance per application serves any number of concurrent waits: a
 * wait is an object scheduled on a shared scheduler, not a thread.
 */
public interface CloudTaskAwaiter extends AutoCloseable {

    /**
     * Starts waiting for a task.
     *
     * @param ref the task
     * @param submittedAt when the task was submitted (for the 404 grace period), or null if unknown
     *     (then the grace period counts from now)
     * @param policy the policy
     * @param listener receives progress events (on a scheduler thread; keep it short)
     */
    AwaitHandle start(TaskRef ref, Instant submittedAt, AwaitPolicy policy, ProgressListener listener);

    /** Starts a wait and blocks until its outcome; an interrupt stops it. */
    default AwaitOutcome await(TaskRef ref, AwaitPolicy policy) {
        return start(ref, null, policy, ProgressListener.NONE).join();
    }

    /** Stops every wait still running and releases the scheduler (if this awaiter owns it). */
    @Override
    void close();
}
