package dev.cloudtask.batch;

import dev.cloudtask.AwaitOutcome;
import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.CloudTaskAwaiter;
import dev.cloudtask.TaskRef;
import dev.cloudtask.internal.Durations;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.stream.Collectors;

/**
 * One run of an awaiting artifact in a step: reads its properties, resolves the tasks, waits,
 * sets the step's exit status and ends the step as {@link StepOutcome} says.
 */
final class StepRun {
    private final JobContext job;
    private final StepContext step;
    private final CloudTaskAwaiter awaiter;
    private final ProgressReporter reporter;
    private volatile StepWait wait;
    private volatile boolean stopRequested;

    StepRun(JobContext job, StepContext step, CloudTaskAwaiter awaiter, ProgressReporter reporter) {
        this.job = job;
        this.step = step;
        this.awaiter = awaiter;
        this.reporter = reporter;
    }

    /** Stops the wait at once (or prevents it from starting); callable from any thread. */
    void stop() {
        stopRequested = true;
        StepWait w = wait;
        if (w != null) {
            w.stop();
        }
    }

    /**
     * Settings of a wait, parsed from the properties.
     */
    record Settings(AwaitPolicy policy, OnRemoteFailure onRemoteFailure, FanIn mode) {
        static Settings of(StepProperties props) {
            return new Settings(props.policy(), props.onRemoteFailure(), props.mode());
        }
    }

    /**
     * Waits for the tasks the properties select ({@code taskId}, {@code tasks} or
     * {@code taskFromStep}).
     *
     * @return the exit status when the step completes or stops
     * @throws CloudTaskStepException when the step must fail (exit status already set)
     */
    String awaitSelected(String artifact, StepProperties props) {
        Settings settings;
        PublishedTasks tasks;
        try {
            settings = Settings.of(props);
            tasks = resolve(props.selector());
        } catch (InvalidPropertyException e) {
            String message = artifact + " in step " + step.getStepName() + ": " + e.getMessage();
            step.setExitStatus(StepOutcome.INVALID_PROPERTY_PREFIX + e.property());
            ProgressReporter.LOG.severe(message);
            throw new CloudTaskStepException(message, e);
        }
        return await(tasks, settings, null, null);
    }

    private PublishedTasks resolve(TaskSelector selector) {
        if (selector instanceof TaskSelector.Explicit explicit) {
            return new PublishedTasks(explicit.refs(), explicit.submittedAt());
        }
        String from = ((TaskSelector.FromStep) selector).stepName();
        return lookup(from).orElseThrow(() -> new InvalidPropertyException(StepProperties.TASK_FROM_STEP,
                from, "no step '" + from + "' of this job instance published a task reference"
                        + " (the submit step calls TaskRefs.publish)"));
    }

    private Optional<PublishedTasks> lookup(String from) {
        try {
            return TaskRefs.lookup(job, from);
        } catch (RuntimeException e) {
            throw new InvalidPropertyException(StepProperties.TASK_FROM_STEP, from,
                    "the job repository could not be read: " + e);
        }
    }

    /**
     * Waits for {@code tasks} and maps the outcome onto the step.
     *
     * @param externalStop see {@link StepWait#run}; null when the artifact has a stop() callback
     */
    String await(PublishedTasks tasks, Settings settings, BooleanSupplier externalStop, Duration probe) {
        StepWait w = new StepWait(awaiter, reporter.forStep(job, step.getStepName()));
        wait = w;
        if (stopRequested) {
            w.stop();
        }
        List<TaskRef> refs = tasks.refs();
        String jobLabel = ProgressReporter.jobLabel(job);
        ProgressReporter.LOG.info(() -> jobLabel + " step " + step.getStepName() + ": waiting for " + names(refs)
                + (refs.size() > 1 ? " (mode " + settings.mode().name().toLowerCase(Locale.ROOT) + ")" : "")
                + ", timeout " + Durations.format(settings.policy().timeout()));
        AwaitOutcome outcome = w.run(refs, tasks.submittedAt(), settings.policy(), settings.mode(),
                externalStop, probe);
        StepOutcome mapped = StepOutcome.of(outcome, settings.onRemoteFailure(), w.stopRequested());
        step.setExitStatus(mapped.exitStatus());
        String summary = jobLabel + " step " + step.getStepName() + ": " + outcome.ref().asString() + " ended "
                + outcome.kind() + " after " + Durations.format(outcome.elapsed()) + ", " + outcome.polls()
                + (outcome.polls() == 1 ? " poll" : " polls") + "; exit status " + mapped.exitStatus()
                + (outcome.detail() != null ? " (" + outcome.detail() + ")" : "");
        reporter.ended(new AwaitEnded(job.getJobName(), job.getExecutionId(), step.getStepName(), outcome,
                mapped.exitStatus(), mapped.failStep()));
        if (mapped.failStep()) {
            // the batch runtime reports the failed step with this message: one record, no stack trace
            ProgressReporter.LOG.log(Level.FINE, summary);
            throw CloudTaskStepException.expected(summary);
        }
        ProgressReporter.LOG.log(Level.INFO, summary);
        return mapped.exitStatus();
    }

    private static String names(List<TaskRef> refs) {
        return refs.stream().map(TaskRef::asString).collect(Collectors.joining(", "));
    }
}
