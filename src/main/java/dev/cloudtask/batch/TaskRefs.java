package dev.cloudtask.batch;

import dev.cloudtask.TaskRef;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.batch.runtime.StepExecution;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The durable hand-off between a step that submits a remote operation and the step (or listener)
 * that waits for it.
 *
 * <p>A submit step calls {@link #publish(StepContext, TaskRef, Instant)} right after the service
 * accepted the operation. The reference is stored as the step's persistent user data, which the
 * runtime writes to the job repository when the step ends. A later {@code awaitCloudTask} step
 * names the submit step in {@code taskFromStep} and finds the reference with
 * {@link #lookup(JobContext, String)}, in this execution or any earlier execution of the same job
 * instance. Because a COMPLETED step is not run again on restart (the default
 * {@code allow-start-if-complete="false"}), a stop, a failure or a killed JVM during the wait never
 * makes the job submit twice.
 *
 * <p>Publishing replaces the step's persistent user data; a submit step should not store anything
 * else there.
 */
public final class TaskRefs {
    private TaskRefs() {
    }

    /**
     * Publishes one task reference from the current step.
     *
     * @param step the current step's context
     * @param ref the submitted task
     * @param submittedAt when the service accepted it (starts the 404 grace period), or null
     */
    public static void publish(StepContext step, TaskRef ref, Instant submittedAt) {
        publish(step, List.of(Objects.requireNonNull(ref, "ref")), submittedAt);
    }

    /** Publishes several task references from the current step (for fan-in or partitions). */
    public static void publish(StepContext step, List<TaskRef> refs, Instant submittedAt) {
        Objects.requireNonNull(step, "step");
        step.setPersistentUserData(new PublishedTasks(refs, submittedAt).encode());
    }

    /**
     * What the current step has published so far. On restart of a step that did not complete, the
     * runtime restores the persistent user data of its previous execution, so a submit artifact
     * should check this first and skip submitting when a reference is already there.
     */
    public static Optional<PublishedTasks> published(StepContext step) {
        return PublishedTasks.decode(step.getPersistentUserData());
    }

    /**
     * Finds what step {@code stepName} published in this job instance: the most recent step
     * execution of that name, over the current and all earlier executions, that published tasks.
     *
     * @param job the current job's context
     * @param stepName the id of the publishing step
     * @return the published tasks, or empty when that step never published any
     */
    public static Optional<PublishedTasks> lookup(JobContext job, String stepName) {
        return lookup(BatchRuntime.getJobOperator(), job.getExecutionId(), stepName);
    }

    /** {@link #lookup(JobContext, String)} with an explicit operator and execution id. */
    public static Optional<PublishedTasks> lookup(JobOperator operator, long executionId, String stepName) {
        JobInstance instance = operator.getJobInstance(executionId);
        return operator.getJobExecutions(instance).stream()
                .map(JobExecution::getExecutionId)
                .flatMap(id -> operator.getStepExecutions(id).stream())
                .filter(se -> stepName.equals(se.getStepName()))
                .sorted(Comparator.comparingLong(StepExecution::getStepExecutionId).reversed())
                .map(se -> PublishedTasks.decode(se.getPersistentUserData()))
                .flatMap(Optional::stream)
                .findFirst();
    }
}
