package dev.cloudtask.batch;

import dev.cloudtask.CloudTaskAwaiter;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.Batchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The {@code awaitCloudTask} batchlet: the step waits until a remote task ends.
 *
 * <p>The task is given by exactly one of {@code taskId} (with {@code service}, {@code projectId},
 * {@code instanceId}), {@code tasks} (one or more {@link dev.cloudtask.TaskRef#asString()} forms)
 * or {@code taskFromStep} (an earlier step that called {@link TaskRefs#publish}). The outcome sets
 * the step's exit status itself (so listeners see it) as {@link StepOutcome} describes. A bad
 * property fails the step at once with exit status {@code INVALID_PROPERTY:<name>}. The knobs of the
 * wait ({@code timeout}, {@code maxInterval}, ...) may also come from job-level properties and
 * MicroProfile Config (see {@link Knobs}). The fields below are the properties the
 * {@link JobXmlProperties} table lists for this artifact.
 *
 * <p>{@link #stop()} ends the wait at once, even while a status request is in flight; the step
 * ends STOPPED and a restart waits for the same task again.
 */
@Named("awaitCloudTask")
@Dependent
public class AwaitCloudTaskBatchlet implements Batchlet {
    @Inject @BatchProperty String service;
    @Inject @BatchProperty String taskId;
    @Inject @BatchProperty String tasks;
    @Inject @BatchProperty String taskFromStep;
    @Inject @BatchProperty String projectId;
    @Inject @BatchProperty String instanceId;
    @Inject @BatchProperty String submittedAt;
    @Inject @BatchProperty String timeout;
    @Inject @BatchProperty String initialDelay;
    @Inject @BatchProperty String firstInterval;
    @Inject @BatchProperty String growth;
    @Inject @BatchProperty String maxInterval;
    @Inject @BatchProperty String errorBudget;
    @Inject @BatchProperty String notFoundGrace;
    @Inject @BatchProperty String strict;
    @Inject @BatchProperty String onRemoteFailure;
    @Inject @BatchProperty String mode;

    @Inject JobContext jobContext;
    @Inject StepContext stepContext;
    @Inject CloudTaskAwaiter awaiter;
    @Inject ProgressReporter reporter;

    private volatile StepRun run;
    private volatile boolean stopped;

    @Override
    public String process() {
        StepRun r = new StepRun(jobContext, stepContext, awaiter, reporter);
        run = r;
        if (stopped) {
            r.stop();
        }
        return r.awaitSelected(JobXmlProperty.Artifact.AWAIT_BATCHLET,
                new StepProperties(JobXmlProperties.read(this, JobXmlProperty.Artifact.AWAIT_BATCHLET)));
    }

    @Override
    public void stop() {
        stopped = true;
        StepRun r = run;
        if (r != null) {
            r.stop();
        }
    }
}
