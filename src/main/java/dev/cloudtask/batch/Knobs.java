package dev.cloudtask.batch;

import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.CloudService;
import dev.cloudtask.internal.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one place where the knobs of a wait are resolved. First found wins:
 * <ol>
 * <li>the step's own property ({@code <batchlet>} or {@code <listener>} {@code <properties>});</li>
 * <li>the job-level property of the same name ({@code <job><properties>});</li>
 * <li>MicroProfile Config {@code cloudtask.<service>.await.<knob>};</li>
 * <li>MicroProfile Config {@code cloudtask.await.<knob>};</li>
 * <li>the built-in default ({@link JobXmlProperty#defaultValue()}).</li>
 * </ol>
 * A null or blank value counts as not set and falls through. The first value found is the one used:
 * when it is malformed the wait fails ({@link InvalidPropertyException} naming the property, where the
 * value came from and the value); a bad value in a lower layer is never reached. Each task uses the
 * keys of its own service; {@code mode} belongs to the step and uses the service layer only when all
 * the step's tasks are of one service.
 */
final class Knobs {
    private final Map<String, String> step;
    private final Map<String, String> job;
    private final ConfigLayer config;

    /**
     * @param step the step's own properties (values may be null)
     * @param job the job-level properties
     * @param config the MicroProfile Config layers
     */
    Knobs(Map<String, String> step, Map<String, String> job, ConfigLayer config) {
        this.step = step;
        this.job = job;
        this.config = config;
    }

    /** The MicroProfile Config layers these knobs read. */
    ConfigLayer config() {
        return config;
    }

    /** {@code cloudtask.<service>.await.<knob>}. */
    static String serviceKey(CloudService service, String knob) {
        return "cloudtask." + service.id() + ".await." + knob;
    }

    /** {@code cloudtask.await.<knob>}. */
    static String globalKey(String knob) {
        return "cloudtask.await." + knob;
    }

    /**
     * The policy of the wait for a task of {@code service}.
     *
     * @param service the task's service
     * @param policy the resolved policy
     * @param onRemoteFailure what the step does when this task fails remotely
     * @param values every knob of the policy and {@code onRemoteFailure}, with its origin, in table order
     */
    record ServiceSettings(CloudService service, AwaitPolicy policy, OnRemoteFailure onRemoteFailure,
            List<Sourced<?>> values) {
    }

    /**
     * Checks the step's and the job's own values of every knob, which apply whatever the tasks are,
     * so a malformed one fails the step before anything else happens.
     */
    void checkJobXml() {
        for (JobXmlProperty<?> knob : JobXmlProperties.KNOBS) {
            Sourced.parse(knob.name(), knob.format(), Origin.STEP, step.get(knob.name()));
            Sourced.parse(knob.name(), knob.format(), Origin.JOB, job.get(knob.name()));
        }
    }

    /** The settings of a wait for a task of {@code service}. */
    ServiceSettings forService(CloudService service) {
        Sourced<Duration> firstInterval = resolve(JobXmlProperties.FIRST_INTERVAL, service);
        Sourced<Duration> maxInterval = resolve(JobXmlProperties.MAX_INTERVAL, service);
        if (maxInterval.value().compareTo(firstInterval.value()) < 0) {
            // blame the one set closer to the step: it is the one the author just wrote
            if (firstInterval.origin().layer().compareTo(maxInterval.origin().layer()) < 0) {
                throw firstInterval.invalid("must not be longer than maxInterval '"
                        + Durations.format(maxInterval.value()) + "' (" + maxInterval.origin().describe() + ")");
            }
            throw maxInterval.invalid("must not be shorter than firstInterval '"
                    + Durations.format(firstInterval.value()) + "' (" + firstInterval.origin().describe() + ")");
        }
        Sourced<Duration> timeout = resolve(JobXmlProperties.TIMEOUT, service);
        Sourced<Duration> initialDelay = resolve(JobXmlProperties.INITIAL_DELAY, service);
        Sourced<Double> growth = resolve(JobXmlProperties.GROWTH, service);
        Sourced<Integer> errorBudget = resolve(JobXmlProperties.ERROR_BUDGET, service);
        Sourced<Duration> notFoundGrace = resolve(JobXmlProperties.NOT_FOUND_GRACE, service);
        Sourced<Boolean> strict = resolve(JobXmlProperties.STRICT, service);
        Sourced<OnRemoteFailure> onRemoteFailure = resolve(JobXmlProperties.ON_REMOTE_FAILURE, service);
        AwaitPolicy policy = new AwaitPolicy(initialDelay.value(), firstInterval.value(), growth.value(),
                maxInterval.value(), timeout.value(), errorBudget.value(), notFoundGrace.value(), strict.value());
        return new ServiceSettings(service, policy, onRemoteFailure.value(), List.of(timeout, initialDelay,
                firstInterval, growth, maxInterval, errorBudget, notFoundGrace, strict, onRemoteFailure));
    }

    /** The step's {@code mode}: the service layer counts only when every task is of that one service. */
    Sourced<FanIn> mode(Set<CloudService> services) {
        return resolve(JobXmlProperties.MODE, services.size() == 1 ? services.iterator().next() : null);
    }

    /**
     * The value of {@code knob} for a task of {@code service} (null: the service layer is skipped).
     *
     * @throws InvalidPropertyException when the first value found is malformed
     */
    <T> Sourced<T> resolve(JobXmlProperty<T> knob, CloudService service) {
        String name = knob.name();
        Sourced<T> found = Sourced.parse(name, knob.format(), Origin.STEP, step.get(name));
        if (found == null) {
            found = Sourced.parse(name, knob.format(), Origin.JOB, job.get(name));
        }
        if (found == null && service != null) {
            found = fromConfig(config, Origin.Layer.SERVICE_CONFIG, serviceKey(service, name), name, knob.format());
        }
        if (found == null) {
            found = fromConfig(config, Origin.Layer.GLOBAL_CONFIG, globalKey(name), name, knob.format());
        }
        return found != null ? found : Sourced.ofDefault(name, knob.defaultValue(), knob.format());
    }

    /** The value of {@code key} in {@code config}, or null when it is not set. */
    static <T> Sourced<T> fromConfig(ConfigLayer config, Origin.Layer layer, String key, String name,
            ValueFormat<T> format) {
        Optional<ConfigLayer.Entry> e = config.get(key);
        return e.isEmpty() ? null
                : Sourced.parse(name, format, Origin.config(layer, key, e.get().sourceName()), e.get().value());
    }

    /**
     * Every malformed MicroProfile Config value of a knob, and every pair of configured intervals that
     * contradict each other, as the message a wait using it would fail with.
     */
    static List<String> configProblems(ConfigLayer config) {
        List<String> problems = new ArrayList<>();
        for (JobXmlProperty<?> knob : JobXmlProperties.KNOBS) {
            collect(problems, () -> fromConfig(config, Origin.Layer.GLOBAL_CONFIG, globalKey(knob.name()),
                    knob.name(), knob.format()));
            for (CloudService s : CloudService.values()) {
                collect(problems, () -> fromConfig(config, Origin.Layer.SERVICE_CONFIG, serviceKey(s, knob.name()),
                        knob.name(), knob.format()));
            }
        }
        if (problems.isEmpty()) {
            Knobs configOnly = new Knobs(Map.of(), Map.of(), config);
            for (CloudService s : CloudService.values()) {
                collect(problems, () -> configOnly.forService(s));
            }
        }
        return List.copyOf(new LinkedHashSet<>(problems));
    }

    private static void collect(List<String> problems, Runnable check) {
        try {
            check.run();
        } catch (InvalidPropertyException e) {
            problems.add(e.getMessage());
        }
    }
}
