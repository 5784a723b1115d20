package dev.cloudtask.testkit.batch;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.StepExecution;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Jobs on this JVM's jbatch runtime, and the real-time waits of a test: for a job to end, or for a
 * condition, each bounded by {@link #TIMEOUT}. The runtime runs jobs on its own real threads, so
 * waiting polls with a short real sleep; remote task timelines in virtual time move only through
 * {@link SimBatch#runToEnd} / {@link SimBatch#runUntil}.
 */
public final class BatchJobs {
    /** Real-time bound of {@link #awaitEnd} and {@link #awaitCondition}. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Set<BatchStatus> ENDED = Set.of(BatchStatus.COMPLETED, BatchStatus.FAILED,
            BatchStatus.STOPPED, BatchStatus.ABANDONED);

    private BatchJobs() {
    }

    /** The runtime's job operator. */
    public static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }

    /** Starts job {@code META-INF/batch-jobs/<jobXml>.xml} with {@code params}; returns the execution id. */
    public static long start(String jobXml, Map<String, String> params) {
        return operator().start(jobXml, props(params));
    }

    /** Restarts execution {@code executionId} with {@code params}; returns the new execution id. */
    public static long restart(long executionId, Map<String, String> params) {
        return operator().restart(executionId, props(params));
    }

    private static Properties props(Map<String, String> params) {
        Properties p = new Properties();
        p.putAll(params);
        return p;
    }

    /** Waits in real time until the execution has ended and returns it. */
    public static JobExecution awaitEnd(long executionId) {
        awaitCondition("job execution " + executionId + " to end",
                () -> ENDED.contains(operator().getJobExecution(executionId).getBatchStatus()));
        return operator().getJobExecution(executionId);
    }

    /** Waits until {@code condition} holds, failing the test after {@link #TIMEOUT}. */
    public static void awaitCondition(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + TIMEOUT + " waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }

    /** The execution of step {@code name} in job execution {@code executionId}. */
    public static StepExecution step(long executionId, String name) {
        List<StepExecution> steps = operator().getStepExecutions(executionId);
        return steps.stream().filter(s -> s.getStepName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + name + " in execution " + executionId
                        + "; steps: " + steps.stream().map(StepExecution::getStepName).toList()));
    }

    /** Names of the steps that ran in the execution. */
    public static List<String> stepNames(long executionId) {
        return operator().getStepExecutions(executionId).stream().map(StepExecution::getStepName).toList();
    }
}
