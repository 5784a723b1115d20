package dev.cloudtask.batch;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.batch.runtime.StepExecution;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the earlier executions of a {@code submitCloudTask} step (same job instance, same step id)
 * tell about its operation, read from the job repository's step executions.
 *
 * <p>Jakarta Batch stores a step's persistent user data only when the step ends, so a JVM killed
 * while the step ran leaves a step execution that never ended (batch status STARTING or STARTED)
 * and no data of this step. Such an execution may have sent the operation at any moment after it
 * started. Every execution that ends stores either the published task ({@link PublishedTasks}) or a
 * {@link SubmitRecord}; the record carries forward any earlier uncertainty, so the newest ended
 * execution speaks for all before it.
 *
 * @param published the tasks the newest earlier execution published, or null
 * @param uncertain whether an earlier execution may have sent the operation without publishing a task
 * @param mayHaveSentAt the earliest moment it may have been sent, or null when unknown or not uncertain
 * @param evidence what the earlier executions left, for messages
 */
record SubmitHistory(PublishedTasks published, boolean uncertain, Instant mayHaveSentAt, String evidence) {
    private static final List<BatchStatus> NEVER_ENDED = List.of(BatchStatus.STARTING, BatchStatus.STARTED);

    /** No earlier execution. */
    static final SubmitHistory NONE = new SubmitHistory(null, false, null, "no earlier execution");

    /**
     * Reads the history of a step.
     *
     * @param operator the job operator
     * @param executionId the current job execution
     * @param stepName the step id
     * @param currentStepExecutionId the running step execution (left out)
     */
    static SubmitHistory read(JobOperator operator, long executionId, String stepName, long currentStepExecutionId) {
        JobInstance instance = operator.getJobInstance(executionId);
        List<StepExecution> earlier = operator.getJobExecutions(instance).stream()
                .map(JobExecution::getExecutionId)
                .flatMap(id -> operator.getStepExecutions(id).stream())
                .filter(se -> stepName.equals(se.getStepName()) && se.getStepExecutionId() != currentStepExecutionId)
                .sorted(Comparator.comparingLong(StepExecution::getStepExecutionId).reversed())
                .toList();
        return of(earlier);
    }

    /** The history from earlier step executions, newest first. */
    static SubmitHistory of(List<StepExecution> newestFirst) {
        boolean killed = false;
        Instant killedSince = null;
        String evidence = null;
        for (StepExecution se : newestFirst) {
            Object data = se.getPersistentUserData();
            Optional<PublishedTasks> published = PublishedTasks.decode(data);
            if (published.isPresent() && !killed) {
                return new SubmitHistory(published.get(), false, null, "step execution " + se.getStepExecutionId()
                        + " published " + published.get().refs().get(0).asString());
            }
            if (published.isPresent()) {
                // a later execution ran again after the task was published (allow-start-if-complete)
                return new SubmitHistory(null, true, killedSince, evidence);
            }
            Optional<SubmitRecord> record = NEVER_ENDED.contains(se.getBatchStatus()) ? Optional.empty()
                    : SubmitRecord.decode(data);
            if (record.isEmpty()) {
                // never ended through the step's own code: its JVM was killed (or it failed before running)
                Instant started = se.getStartTime() == null ? null : se.getStartTime().toInstant();
                killed = true;
                killedSince = started != null ? started : killedSince;
                evidence = "step execution " + se.getStepExecutionId() + " started " + started
                        + " and never ended normally (its JVM was killed)";
                continue;
            }
            Instant since = earliest(record.get().mayHaveSentAt(), killedSince);
            boolean uncertain = killed || record.get().mayHaveSentAt() != null;
            return new SubmitHistory(null, uncertain, uncertain ? since : null, evidence != null ? evidence
                    : "step execution " + se.getStepExecutionId() + " ended " + se.getBatchStatus() + " with exit status "
                            + se.getExitStatus());
        }
        return killed ? new SubmitHistory(null, true, killedSince, evidence) : NONE;
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
