package dev.cloudtask.batch;

import dev.cloudtask.TaskRef;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    @Override
    public PartitionPlan mapPartitions() {
        PublishedTasks published = resolve();
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
        plan.setThreads(threadCount(refs.size()));
        plan.setPartitionProperties(props);
        plan.setPartitionsOverride(false);
        ProgressReporter.LOG.info(() -> ProgressReporter.jobLabel(jobContext) + ": " + refs.size() + " partitions, one per task, " + plan.getThreads() + " at once");
        return plan;
    }

    private PublishedTasks resolve() {
        Map<String, String> raw = new HashMap<>();
        raw.put(StepProperties.TASKS, tasks);
        raw.put(StepProperties.TASK_FROM_STEP, taskFromStep);
        TaskSelector selector = new StepProperties(raw).selector();
        if (selector instanceof TaskSelector.Explicit explicit) {
            return new PublishedTasks(explicit.refs(), explicit.submittedAt());
        }
        String from = ((TaskSelector.FromStep) selector).stepName();
        return TaskRefs.lookup(jobContext, from).orElseThrow(() -> new InvalidPropertyException(
                StepProperties.TASK_FROM_STEP, from, "no step '" + from + "' of this job instance published task references"));
    }

    private int threadCount(int partitions) {
        if (threads == null || threads.isBlank()) {
            return partitions;
        }
        try {
            int n = Integer.parseInt(threads.trim());
            if (n < 1) {
                throw new InvalidPropertyException("threads", threads, "must be at least 1");
            }
            return Math.min(n, partitions);
        } catch (NumberFormatException e) {
            throw new InvalidPropertyException("threads", threads, "is not a whole number");
        }
    }
}
