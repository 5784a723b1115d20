package dev.cloudtask.batch;

import static dev.cloudtask.batch.JobXmlProperties.INSTANCE_ID;
import static dev.cloudtask.batch.JobXmlProperties.PROJECT_ID;
import static dev.cloudtask.batch.JobXmlProperties.SERVICE;
import static dev.cloudtask.batch.JobXmlProperties.SUBMITTED_AT;
import static dev.cloudtask.batch.JobXmlProperties.TASKS;
import static dev.cloudtask.batch.JobXmlProperties.TASK_FROM_STEP;
import static dev.cloudtask.batch.JobXmlProperties.TASK_ID;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import jakarta.batch.runtime.context.JobContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The job-XML properties one artifact was given, as written, read through the
 * {@link JobXmlProperties} table.
 *
 * <p>A property whose value is null or blank counts as not set: the runtime substitutes an empty
 * string for a {@code #{jobParameters['x']}} that has no value. Every failure is an
 * {@link InvalidPropertyException} raised where the property is read, naming it and its value.
 */
final class StepProperties {
    private final Map<String, String> raw;

    /** @param raw property name to value as injected (values may be null) */
    StepProperties(Map<String, String> raw) {
        this.raw = Map.copyOf(withoutNulls(raw));
    }

    private static Map<String, String> withoutNulls(Map<String, String> raw) {
        Map<String, String> m = new java.util.HashMap<>();
        raw.forEach((k, v) -> {
            if (v != null) {
                m.put(k, v);
            }
        });
        return m;
    }

    /** The values as written (unset ones absent), for the knobs' first layer. */
    Map<String, String> raw() {
        return raw;
    }

    /** The parsed value of {@code p}, or null when it is not set. */
    <T> T value(JobXmlProperty<T> p) {
        Sourced<T> v = Sourced.parse(p.name(), p.format(), Origin.STEP, raw.get(p.name()));
        return v == null ? null : v.value();
    }

    /** The parsed value of {@code p}, or its default when it is not set. */
    <T> T valueOrDefault(JobXmlProperty<T> p) {
        T v = value(p);
        return v != null ? v : p.defaultValue();
    }

    /**
     * The parsed value of {@code p}.
     *
     * @param problem what the failure says when it is not set
     * @throws InvalidPropertyException when it is not set or malformed
     */
    <T> T required(JobXmlProperty<T> p, String problem) {
        T v = value(p);
        if (v == null) {
            throw invalid(p, problem);
        }
        return v;
    }

    /** Whether {@code p} has a value that is not blank. */
    boolean isSet(JobXmlProperty<?> p) {
        String v = raw.get(p.name());
        return v != null && !v.isBlank();
    }

    /** The failure for a rule that {@code p}'s value, as written, breaks. */
    InvalidPropertyException invalid(JobXmlProperty<?> p, String problem) {
        return new InvalidPropertyException(p.name(), raw.get(p.name()), problem);
    }

    /**
     * The one of {@code choices} that is set, or null when none is.
     *
     * @throws InvalidPropertyException naming the second one set, when more than one is
     */
    JobXmlProperty<?> oneOf(List<JobXmlProperty<?>> choices) {
        List<JobXmlProperty<?>> given = choices.stream().filter(this::isSet).toList();
        if (given.size() > 1) {
            throw invalid(given.get(1), "cannot be combined with '" + given.get(0).name() + "': set only one of "
                    + String.join(", ", choices.stream().map(JobXmlProperty::name).toList()));
        }
        return given.isEmpty() ? null : given.get(0);
    }

    /**
     * Which tasks to wait for: exactly one of {@code taskId} (with {@code service},
     * {@code projectId}, {@code instanceId}), {@code tasks} or {@code taskFromStep}.
     */
    TaskSelector selector() {
        JobXmlProperty<?> which = oneOf(List.of(TASK_ID, TASKS, TASK_FROM_STEP));
        if (which == null) {
            throw invalid(TASK_ID, "set taskId (with service), tasks or taskFromStep");
        }
        if (which != TASK_ID) {
            for (JobXmlProperty<?> idPart : List.of(SERVICE, PROJECT_ID, INSTANCE_ID)) {
                if (isSet(idPart)) {
                    throw invalid(idPart, "is only used with taskId, not with " + which.name());
                }
            }
        }
        if (which == TASK_ID) {
            return new TaskSelector.Explicit(List.of(singleRef()), value(SUBMITTED_AT));
        }
        if (which == TASKS) {
            return new TaskSelector.Explicit(value(TASKS), value(SUBMITTED_AT));
        }
        return new TaskSelector.FromStep(value(TASK_FROM_STEP));
    }

    /**
     * The tasks to wait for: those the properties name, or those the step named by
     * {@code taskFromStep} published in this job instance.
     *
     * @throws InvalidPropertyException for bad properties, and when that step published nothing or
     *     the job repository cannot be read
     */
    PublishedTasks tasks(JobContext job) {
        TaskSelector selector = selector();
        if (selector instanceof TaskSelector.Explicit explicit) {
            return new PublishedTasks(explicit.refs(), explicit.submittedAt());
        }
        String from = ((TaskSelector.FromStep) selector).stepName();
        Optional<PublishedTasks> published;
        try {
            published = TaskRefs.lookup(job, from);
        } catch (RuntimeException e) {
            throw invalid(TASK_FROM_STEP, "the job repository could not be read: " + e);
        }
        return published.orElseThrow(() -> invalid(TASK_FROM_STEP, "no step '" + from
                + "' of this job instance published a task reference (the submit step calls TaskRefs.publish)"));
    }

    private TaskRef singleRef() {
        CloudService service = required(SERVICE, "expected cce, dcs, dws or mrs");
        return new TaskRef(service, idPart(PROJECT_ID, service.needsProject(), service),
                idPart(INSTANCE_ID, service.needsInstance(), service), value(TASK_ID));
    }

    private String idPart(JobXmlProperty<String> p, boolean needed, CloudService service) {
        if (needed && !isSet(p)) {
            throw invalid(p, service.id() + " needs it");
        }
        if (!needed && isSet(p)) {
            throw invalid(p, "is not used by " + service.id() + "; leave it out");
        }
        return value(p);
    }
}
