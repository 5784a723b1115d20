package dev.cloudtask.batch;

import dev.cloudtask.AwaitOutcome;
import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.CloudService;
import dev.cloudtask.CloudTaskAwaiter;
import dev.cloudtask.ProgressEvent;
import dev.cloudtask.ProgressListener;
import dev.cloudtask.TaskRef;
import dev.cloudtask.internal.Durations;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
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
     * The settings of a step's wait, resolved for its tasks ({@link Knobs}).
     *
     * @param services the settings of each service the step waits for
     * @param mode how the tasks' outcomes decide the step
     */
    record Settings(Map<CloudService, Knobs.ServiceSettings> services, Sourced<FanIn> mode) {
        Settings {
            services = Map.copyOf(services);
        }

        /** Resolves every knob for the services of {@code refs}. */
        static Settings resolve(Knobs knobs, List<TaskRef> refs) {
            Map<CloudService, Knobs.ServiceSettings> services = new EnumMap<>(CloudService.class);
            ConfigLayer config = knobs.config();
            for (TaskRef ref : refs) {
                if (!services.containsKey(ref.service())) {
                    services.put(ref.service(), knobs.forService(ref.service()));
                    EngineLimits.of(config, ref.service()); // a bad engine limit fails the waits that use it
                }
            }
            return new Settings(services, knobs.mode(services.keySet()));
        }

        AwaitPolicy policy(TaskRef ref) {
            return services.get(ref.service()).policy();
        }

        OnRemoteFailure onRemoteFailure(TaskRef ref) {
            return services.get(ref.service()).onRemoteFailure();
        }

        /**
         * The effective policy with the source of each value that is not the default:
         * {@code timeout=2h (job property), initialDelay=2s, ...}; with tasks of several services one
         * part per service.
         */
        String describe() {
            StringBuilder sb = new StringBuilder();
            for (CloudService s : new TreeSet<>(services.keySet())) {
                if (services.size() > 1) {
                    sb.append(sb.length() > 0 ? "; " : "").append(s.id()).append(": ");
                }
                sb.append(services.get(s).values().stream().map(Sourced::describe).collect(Collectors.joining(", ")));
            }
            return sb.append(services.size() > 1 ? "; " : ", ").append(mode.describe()).toString();
        }
    }

    /**
     * Waits for the tasks the properties select ({@code taskId}, {@code tasks} or
     * {@code taskFromStep}).
     *
     * @return the exit status when the step completes or stops
     * @throws CloudTaskStepException when the step must fail (exit status already set)
     */
    String awaitSelected(JobXmlProperty.Artifact artifact, StepProperties props) {
        Settings settings;
        PublishedTasks tasks;
        try {
            Knobs knobs = knobs(props);
            knobs.checkJobXml();
            tasks = props.tasks(job);
            settings = Settings.resolve(knobs, tasks.refs());
        } catch (InvalidPropertyException e) {
            throw CloudTaskStepException.invalidProperty(step, artifact, e, e.property());
        }
        return await(tasks, settings, null, null);
    }

    /**
     * Waits for the tasks the step's artifact published, if any (the listener).
     *
     * @param externalStop see {@link StepWait#run}
     * @return the exit status, or empty when nothing was published
     * @throws CloudTaskStepException when the step must fail (exit status already set)
     */
    Optional<String> awaitPublished(JobXmlProperty.Artifact artifact, StepProperties props,
            BooleanSupplier externalStop, Duration probe) {
        Settings settings;
        Optional<PublishedTasks> tasks;
        try {
            Knobs knobs = knobs(props);
            knobs.checkJobXml();
            tasks = TaskRefs.published(step);
            settings = tasks.isEmpty() ? null : Settings.resolve(knobs, tasks.get().refs());
        } catch (InvalidPropertyException e) {
            throw CloudTaskStepException.invalidProperty(step, artifact, e, e.property());
        } catch (IllegalArgumentException e) {
            throw CloudTaskStepException.invalidProperty(step, artifact, e, "persistentUserData");
        }
        if (tasks.isEmpty()) {
            ProgressReporter.LOG.log(Level.FINE, () -> "step " + step.getStepName() + " published no task; "
                    + artifact.ref() + " has nothing to wait for");
            return Optional.empty();
        }
        return Optional.of(await(tasks.get(), settings, externalStop, probe));
    }

    private Knobs knobs(StepProperties props) {
        Map<String, String> jobProperties = new HashMap<>();
        Properties p = job.getProperties();
        if (p != null) {
            p.stringPropertyNames().forEach(n -> jobProperties.put(n, p.getProperty(n)));
        }
        return new Knobs(props.raw(), jobProperties, ConfigLayer.microProfile());
    }

    /**
     * Waits for {@code tasks} and maps the outcome onto the step.
     *
     * @param externalStop see {@link StepWait#run}; null when the artifact has a stop() callback
     */
    String await(PublishedTasks tasks, Settings settings, BooleanSupplier externalStop, Duration probe) {
        ProgressListener report = reporter.forStep(job, step.getStepName());
        Map<TaskRef, ProgressEvent> lastPrediction = new ConcurrentHashMap<>();
        Map<TaskRef, Instant> endedAt = new ConcurrentHashMap<>();
        StepWait w = new StepWait(awaiter, event -> {
            if (event.predictedEnd() != null) {
                lastPrediction.put(event.ref(), event);
            }
            if (event.current().state().isTerminal()) {
                endedAt.put(event.ref(), event.at());
            }
            report.onProgress(event);
        });
        wait = w;
        if (stopRequested) {
            w.stop();
        }
        List<TaskRef> refs = tasks.refs();
        String jobLabel = ProgressReporter.jobLabel(job);
        ProgressReporter.LOG.info(() -> jobLabel + " step " + step.getStepName() + ": waiting for " + names(refs)
                + "; policy " + settings.describe());
        AwaitOutcome outcome = w.run(refs, tasks.submittedAt(), settings::policy, settings.mode().value(),
                externalStop, probe);
        StepOutcome mapped = StepOutcome.of(outcome, settings.onRemoteFailure(outcome.ref()), w.stopRequested());
        step.setExitStatus(mapped.exitStatus());
        String summary = jobLabel + " step " + step.getStepName() + ": " + outcome.ref().asString() + " ended "
                + outcome.kind() + " after " + Durations.format(outcome.elapsed()) + ", " + outcome.polls()
                + (outcome.polls() == 1 ? " poll" : " polls") + "; exit status " + mapped.exitStatus()
                + (outcome.detail() != null ? " (" + outcome.detail() + ")" : "")
                + predictedVsActual(lastPrediction.get(outcome.ref()), endedAt.get(outcome.ref()));
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

    /**
     * The summary's last part when the engine predicted the end: {@code ; predicted end
     * 2026-01-01T10:12:00Z ±1 min, actual 2026-01-01T10:13:10Z} (or {@code actual: not ended}).
     */
    static String predictedVsActual(ProgressEvent prediction, Instant actual) {
        if (prediction == null) {
            return "";
        }
        return "; predicted end " + prediction.predictedEnd().truncatedTo(ChronoUnit.SECONDS) + " ±"
                + ProgressReporter.about(prediction.predictedEndSpread()) + ", actual "
                + (actual == null ? "not ended" : actual.truncatedTo(ChronoUnit.SECONDS).toString());
    }

    private static String names(List<TaskRef> refs) {
        return refs.stream().map(TaskRef::asString).collect(Collectors.joining(", "));
    }
}
