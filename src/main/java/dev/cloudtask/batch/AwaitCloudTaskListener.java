package dev.cloudtask.batch;

import dev.cloudtask.CloudTaskAwaiter;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.StepListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;

/**
 * The {@code awaitCloudTaskListener} step listener: in {@code afterStep} it waits for the tasks the
 * step's own artifact published with {@link TaskRefs#publish}, and maps the outcome onto the step
 * exactly like {@code awaitCloudTask} (exit status set by the listener; a failing outcome fails the
 * step). Progress of the wait is logged and fired as CDI events with the step's name.
 *
 * <p>Properties: the policy knobs ({@code timeout}, {@code initialDelay}, ...), {@code onRemoteFailure}
 * and {@code mode}, as for the batchlet, layered the same way (see {@link Knobs}). It does nothing when the artifact published nothing or the
 * step already failed or is stopping.
 *
 * <p>A listener gets no {@code stop()} call from the runtime, so while it waits it checks every
 * {@value #STOP_PROBE_MILLIS} ms whether the step is stopping and then stops the wait. On restart
 * the runtime runs the step's artifact again with its previous persistent user data: the artifact
 * must check {@link TaskRefs#published} and not submit again.
 */
@Named("awaitCloudTaskListener")
@Dependent
public class AwaitCloudTaskListener implements StepListener {
    static final long STOP_PROBE_MILLIS = 200;

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

    @Override
    public void beforeStep() {
        // nothing to do: the artifact publishes the task while the step runs
    }

    @Override
    public void afterStep() {
        BatchStatus status = stepContext.getBatchStatus();
        if (stepContext.getException() != null || status == BatchStatus.FAILED
                || status == BatchStatus.STOPPING || status == BatchStatus.STOPPED) {
            return;
        }
        new StepRun(jobContext, stepContext, awaiter, reporter).awaitPublished(
                JobXmlProperty.Artifact.AWAIT_LISTENER,
                new StepProperties(JobXmlProperties.read(this, JobXmlProperty.Artifact.AWAIT_LISTENER)),
                this::stepStopping, Duration.ofMillis(STOP_PROBE_MILLIS));
    }

    private boolean stepStopping() {
        BatchStatus s = stepContext.getBatchStatus();
        BatchStatus j = jobContext.getBatchStatus();
        return s == BatchStatus.STOPPING || s == BatchStatus.STOPPED
                || j == BatchStatus.STOPPING || j == BatchStatus.STOPPED;
    }
}
