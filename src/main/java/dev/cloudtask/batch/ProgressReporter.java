package dev.cloudtask.batch;

import dev.cloudtask.ProgressEvent;
import dev.cloudtask.ProgressListener;
import dev.cloudtask.TaskState;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.TaskStep;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reports progress of the waits in batch steps: one {@code java.util.logging} line at INFO on
 * logger {@code dev.cloudtask.batch} per change, and the {@link ProgressEvent} fired as a CDI event
 * (applications may {@code @Observes ProgressEvent}; observers run on the batch step's thread).
 *
 * <p>A user artifact that waits with the {@link dev.cloudtask.CloudTaskAwaiter} itself can pass
 * {@link #forStep(JobContext, String)} as its listener to get the same reporting.
 */
@ApplicationScoped
public class ProgressReporter {
    static final Logger LOG = Logger.getLogger("dev.cloudtask.batch");

    @Inject
    Event<ProgressEvent> events;

    @Inject
    Event<AwaitEnded> ended;

    /**
     * A listener that reports every event of a wait in the given step: it logs one line and fires
     * the event (an observer that throws is logged, not rethrown).
     *
     * @param job the job's context (its name, instance id and execution id go into the log line)
     * @param stepName the step's id
     */
    public ProgressListener forStep(JobContext job, String stepName) {
        String jobLabel = jobLabel(job);
        return event -> report(jobLabel, stepName, event);
    }

    private void report(String jobLabel, String stepName, ProgressEvent event) {
        if (LOG.isLoggable(Level.INFO)) {
            LOG.info(line(jobLabel, stepName, event));
        }
        try {
            events.fire(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "an observer of ProgressEvent failed for " + event.ref().asString(), e);
        }
    }

    /** Fires {@link AwaitEnded}; an observer that throws is logged, not rethrown. */
    public void ended(AwaitEnded event) {
        try {
            ended.fire(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "an observer of AwaitEnded failed for " + event.outcome().ref().asString(), e);
        }
    }

    /**
     * How the log lines name a job: {@code job deploy (instance 3, execution 5)}; a restart keeps
     * the instance id and gets a new execution id.
     */
    static String jobLabel(JobContext job) {
        return "job " + job.getJobName() + " (instance " + job.getInstanceId() + ", execution "
                + job.getExecutionId() + ")";
    }

    /**
     * The log line, for example {@code job deploy (instance 3, execution 5) step awaitNode: cce/p1/j1
     * RUNNING 40% phase=Running remoteStep=install (1/3 steps done)}.
     */
    static String line(String jobLabel, String stepName, ProgressEvent event) {
        TaskStatus s = event.current();
        StringBuilder sb = new StringBuilder(jobLabel)
                .append(" step ").append(stepName).append(": ").append(event.ref().asString())
                .append(' ').append(s.state());
        if (s.percent() != null) {
            sb.append(' ').append(s.percent()).append('%');
        }
        if (s.remoteState() != null) {
            sb.append(" phase=").append(s.remoteState());
        }
        if (!s.steps().isEmpty()) {
            long done = s.steps().stream().filter(t -> t.state() == TaskState.SUCCEEDED).count();
            s.steps().stream().filter(t -> !t.state().isTerminal()).map(TaskStep::name).findFirst()
                    .ifPresent(n -> sb.append(" remoteStep=").append(n));
            sb.append(" (").append(done).append('/').append(s.steps().size()).append(" steps done)");
        }
        if (s.errorCode() != null) {
            sb.append(" error=").append(s.errorCode());
        }
        return sb.toString();
    }
}
