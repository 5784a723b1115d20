package dev.cloudtask.batch;

import static dev.cloudtask.batch.JobXmlProperty.Artifact.AWAIT_BATCHLET;
import static dev.cloudtask.batch.JobXmlProperty.Artifact.PARTITION_MAPPER;

import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import jakarta.batch.api.BatchProperty;
import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The table of every job-XML property of the cloudtask artifacts ({@link #ALL}), and how an
 * artifact hands its injected properties to it ({@link #read}).
 *
 * <p>To add a property: declare it here, add it to {@link #ALL}, and give the artifacts that accept
 * it an {@code @Inject @BatchProperty String <name>} field; a unit test checks that the fields and
 * the table agree, and that the documentation lists every property.
 */
final class JobXmlProperties {
    static final JobXmlProperty<CloudService> SERVICE = JobXmlProperty.of("service", ValueFormat.SERVICE, null,
            "The service of the task named by `taskId`.", AWAIT_BATCHLET);
    static final JobXmlProperty<String> TASK_ID = JobXmlProperty.of("taskId", ValueFormat.ID, null,
            "The id of the task to wait for (CCE job, DCS task, DWS job, MRS command); needs `service`.",
            AWAIT_BATCHLET);
    static final JobXmlProperty<String> PROJECT_ID = JobXmlProperty.of("projectId", ValueFormat.ID, null,
            "The project of a `taskId` of cce, dcs or dws (not used by mrs).", AWAIT_BATCHLET);
    static final JobXmlProperty<String> INSTANCE_ID = JobXmlProperty.of("instanceId", ValueFormat.ID, null,
            "The DCS instance of a dcs `taskId` (dcs only).", AWAIT_BATCHLET);
    static final JobXmlProperty<List<TaskRef>> TASKS = JobXmlProperty.of("tasks", ValueFormat.TASK_REFS, null,
            "The tasks to wait for, instead of `taskId`; the mapper makes one partition per task.",
            AWAIT_BATCHLET, PARTITION_MAPPER);
    static final JobXmlProperty<String> TASK_FROM_STEP = JobXmlProperty.of("taskFromStep", ValueFormat.STEP_ID,
            null, "Wait for the tasks an earlier step of this job published (`TaskRefs.publish`), instead of"
                    + " `taskId` or `tasks`.", AWAIT_BATCHLET, PARTITION_MAPPER);
    static final JobXmlProperty<Instant> SUBMITTED_AT = JobXmlProperty.of("submittedAt", ValueFormat.INSTANT, null,
            "When the task was submitted; `notFoundGrace` counts from it (default: from the start of the wait).",
            AWAIT_BATCHLET);
    static final JobXmlProperty<Integer> THREADS = JobXmlProperty.of("threads", ValueFormat.POSITIVE_COUNT, null,
            "How many partitions wait at once (default: all).", PARTITION_MAPPER);

    static final JobXmlProperty<Duration> TIMEOUT = JobXmlProperty.knob("timeout", ValueFormat.POSITIVE_DURATION,
            AwaitPolicy.DEFAULT_TIMEOUT, "Overall bound of the wait; then the step ends `TIMED_OUT`.");
    static final JobXmlProperty<Duration> INITIAL_DELAY = JobXmlProperty.knob("initialDelay", ValueFormat.DURATION,
            AwaitPolicy.DEFAULT_INITIAL_DELAY, "Delay before the first poll (with jitter).");
    static final JobXmlProperty<Duration> FIRST_INTERVAL = JobXmlProperty.knob("firstInterval",
            ValueFormat.POSITIVE_DURATION, AwaitPolicy.DEFAULT_FIRST_INTERVAL, "Interval after the first poll.");
    static final JobXmlProperty<Double> GROWTH = JobXmlProperty.knob("growth", ValueFormat.FACTOR,
            AwaitPolicy.DEFAULT_GROWTH, "Factor by which the interval grows after each poll without a predicted end.");
    static final JobXmlProperty<Duration> MAX_INTERVAL = JobXmlProperty.knob("maxInterval",
            ValueFormat.POSITIVE_DURATION, AwaitPolicy.DEFAULT_MAX_INTERVAL,
            "Longest interval between two polls; not shorter than `firstInterval`.");
    static final JobXmlProperty<Integer> ERROR_BUDGET = JobXmlProperty.knob("errorBudget", ValueFormat.COUNT,
            AwaitPolicy.DEFAULT_ERROR_BUDGET, "Transient errors in a row that are retried before the wait fails.");
    static final JobXmlProperty<Duration> NOT_FOUND_GRACE = JobXmlProperty.knob("notFoundGrace",
            ValueFormat.DURATION, AwaitPolicy.DEFAULT_NOT_FOUND_GRACE,
            "How long after submission a 404 counts as \"not visible yet\".");
    static final JobXmlProperty<Boolean> STRICT = JobXmlProperty.knob("strict", ValueFormat.BOOLEAN,
            AwaitPolicy.DEFAULT_STRICT, "Whether an unknown remote state fails the wait instead of counting as running.");
    static final JobXmlProperty<OnRemoteFailure> ON_REMOTE_FAILURE = JobXmlProperty.knob("onRemoteFailure",
            ValueFormat.ON_REMOTE_FAILURE, OnRemoteFailure.FAIL,
            "On a remote failure the step fails (`FAIL`) or completes (`COMPLETE`), both with exit status"
                    + " `FAILED:<code>`.");
    static final JobXmlProperty<FanIn> MODE = JobXmlProperty.knob("mode", ValueFormat.FAN_IN, FanIn.ALL,
            "With several tasks: succeed when all succeed (`all`) or as soon as one succeeds (`any`).");

    /** Every property, in documentation order. */
    static final List<JobXmlProperty<?>> ALL = List.of(SERVICE, TASK_ID, PROJECT_ID, INSTANCE_ID, TASKS,
            TASK_FROM_STEP, SUBMITTED_AT, THREADS, TIMEOUT, INITIAL_DELAY, FIRST_INTERVAL, GROWTH, MAX_INTERVAL,
            ERROR_BUDGET, NOT_FOUND_GRACE, STRICT, ON_REMOTE_FAILURE, MODE);

    /** The knobs of the wait, in the order of the effective-policy log line. */
    static final List<JobXmlProperty<?>> KNOBS = ALL.stream().filter(JobXmlProperty::knob).toList();

    private JobXmlProperties() {
    }

    /**
     * The properties {@code which} accepts, as the runtime injected them into {@code artifact}'s
     * {@code @BatchProperty String} fields of the same names (values may be null).
     *
     * @throws IllegalStateException when the artifact lacks a field for one of its properties
     */
    static Map<String, String> read(Object artifact, JobXmlProperty.Artifact which) {
        Map<String, String> values = new HashMap<>();
        for (JobXmlProperty<?> p : ALL) {
            if (p.acceptedBy(which)) {
                values.put(p.name(), (String) fieldValue(artifact, field(artifact.getClass(), p.name())));
            }
        }
        return values;
    }

    /** The {@code @BatchProperty} field called {@code name} of {@code type} or a superclass. */
    static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getName().equals(name) && f.isAnnotationPresent(BatchProperty.class)
                        && f.getType() == String.class) {
                    return f;
                }
            }
        }
        throw new IllegalStateException(type.getName() + " has no @BatchProperty String field '" + name + "'");
    }

    private static Object fieldValue(Object artifact, Field f) {
        try {
            f.setAccessible(true);
            return f.get(artifact);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalStateException("cannot read property field " + f, e);
        }
    }
}
