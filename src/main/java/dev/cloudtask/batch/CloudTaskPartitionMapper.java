package dev.cloudtask.batch;

import dev.cloudtask.TaskRef;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Properties;

/**
 * The {@code cloudTaskPartitionMapper}: one partition per task reference, each running
 * {@code awaitCloudTask} on its reference.
 *
 * <p>The references come from exactly one of {@code tasks} (comma- or whitespace-separated
 * {@link TaskRef#asString()} forms, typically {@code #{jobParameters['tasks']}}) or
 * {@code taskFromStep} (an earlier step that published several references). Each partition gets
 * the plan properties {@value #TASKS} (its one reference) and {@value #SUBMITTED_AT} (ISO instant
 * or empty), which the batchlet reads with {@code #{partitionPlan['tasks']}} and
 * {@code #{partitionPlan['submittedAt']}}. {@code threads} bounds how many partitions wait at once
 * (default: all; each waiting partition holds a batch thread).
 *
 * <p>The plan is not an override ({@code partitionsOverride=false}) and lists the references in
 * the same order on every run, so on restart the runtime re-runs only the partitions that did not
 * complete.
 */
@Named("cloudTaskPartitionMapper")
@Dependent
public class CloudTaskPartitionMapper implements PartitionMapper {
    /** Partition plan property holding the partition's task reference. */
    public static final String TASKS = "tasks";
    /** Partition plan property holding when the task was submitted (ISO-8601) or empty. */
    public static final String SUBMITTED_AT = "submittedAt";

    @Inject @BatchProperty String tasks;
    @Inject @BatchProperty String taskFromStep;
    @Inject @BatchProperty String threads;

    @Inject JobContext jobContext;
    @Inject StepContext stepContext;

    @Override
    public PartitionPlan mapPartitions() {
        StepProperties step = new StepProperties(JobXmlProperties.read(this, JobXmlProperty.Artifact.PARTITION_MAPPER));
        PublishedTasks published;
        Integer threadLimit;
        try {
            published = step.tasks(jobContext);
            threadLimit = step.value(JobXmlProperties.THREADS);
        } catch (InvalidPropertyException e) {
            throw CloudTaskStepException.invalidProperty(stepContext, JobXmlProperty.Artifact.PARTITION_MAPPER, e,
                    e.property());
        }
        List<TaskRef> refs = published.refs();
        Properties[] props = new Properties[refs.size()];
        for (int i = 0; i < refs.size(); i++) {
            props[i] = new Properties();
            props[i].setProperty(TASKS, refs.get(i).asString());
            props[i].setProperty(SUBMITTED_AT,
                    published.submittedAt() == null ? "" : published.submittedAt().toString());
        }
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(refs.size());
        plan.setThreads(threadLimit == null ? refs.size() : Math.min(threadLimit, refs.size()));
        plan.setPartitionProperties(props);
        plan.setPartitionsOverride(false);
        ProgressReporter.LOG.info(() -> ProgressReporter.jobLabel(jobContext) + ": " + refs.size() + " partitions, one per task, " + plan.getThreads() + " at once");
        return plan;
    }
}
