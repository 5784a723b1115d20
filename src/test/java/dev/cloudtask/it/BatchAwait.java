package dev.cloudtask.it;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The one place where the real-server tests wait: polls a job execution until it ends.
 */
public final class BatchAwait {

    /** Batch statuses after which an execution does not change any more. */
    public static final Set<BatchStatus> FINAL = EnumSet.of(
            BatchStatus.COMPLETED, BatchStatus.FAILED, BatchStatus.STOPPED, BatchStatus.ABANDONED);

    private static final Duration POLL = Duration.ofMillis(100);

    private BatchAwait() {
    }

    /**
     * Waits until the execution reaches one of {@link #FINAL} and returns it.
     *
     * @param operator the job operator of the runtime that runs the job
     * @param executionId the execution to watch
     * @param timeout how long to wait at most; positive
     * @throws IllegalArgumentException naming the timeout when it is not positive
     * @throws AssertionError naming the execution and its last status when the timeout passes first
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public static JobExecution finished(JobOperator operator, long executionId, Duration timeout)
            throws InterruptedException {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout '" + timeout + "' must be positive");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JobExecution execution = operator.getJobExecution(executionId);
            if (FINAL.contains(execution.getBatchStatus())) {
                return execution;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("job execution " + executionId + " of '" + execution.getJobName()
                        + "' still " + execution.getBatchStatus() + " after " + timeout);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /**
     * Waits until the condition holds.
     *
     * @param what names the condition in the failure message
     * @param condition checked every 100 ms
     * @param timeout how long to wait at most; positive
     * @throws AssertionError naming the condition when the timeout passes first
     * @throws Exception what the condition throws
     */
    public static void until(String what, Callable<Boolean> condition, Duration timeout) throws Exception {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout '" + timeout + "' must be positive");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError(what + " not reached after " + timeout);
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
