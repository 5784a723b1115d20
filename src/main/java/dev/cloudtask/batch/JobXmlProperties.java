package dev.cloudtask.batch;

import static dev.cloudtask.batch.JobXmlProperty.Artifact.AWAIT_BATCHLET;
import static dev.cloudtask.batch.JobXmlProperty.Artifact.PARTITION_MAPPER;
import static dev.cloudtask.batch.JobXmlProperty.Artifact.SUBMIT_BATCHLET;

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
import java.util.stream.Stream;

/**
 * The table of every job-XML property of the cloudtask artifacts ({@link #ALL}): those of the
 * awaiting artifacts ({@link #AWAITING}) and those of {@code submitCloudTask} ({@link Submit}), and
 * how an artifact hands its injected properties to it ({@link #read}). Every artifact reads its
 * values through {@link StepProperties}, so a bad value fails the same way everywhere.
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
            "When the task was submitted; `notFoundGrace` counts from it, and a wait without a progress signal"
                    + " counts the task's running time from it (default: from the start of the wait).",
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

    /** The properties of the awaiting artifacts, in documentation order. */
    static final List<JobXmlProperty<?>> AWAITING = List.of(SERVICE, TASK_ID, PROJECT_ID, INSTANCE_ID, TASKS,
            TASK_FROM_STEP, SUBMITTED_AT, THREADS, TIMEOUT, INITIAL_DELAY, FIRST_INTERVAL, GROWTH, MAX_INTERVAL,
            ERROR_BUDGET, NOT_FOUND_GRACE, STRICT, ON_REMOTE_FAILURE, MODE);

    /**
     * The properties of {@code submitCloudTask}. Rules between them (which placeholders the path
     * needs, one body source, {@code LOOKUP} only for DCS) are checked where the operation is built
     * ({@link SubmitSpec#from}).
     */
    static final class Submit {
        static final JobXmlProperty<CloudService> SERVICE = submit("service", ValueFormat.SERVICE,
                "Required: the service that receives the operation and runs the task it starts.");
        static final JobXmlProperty<String> METHOD = submit("method", ValueFormat.METHOD,
                "Required: the operation's HTTP method.");
        static final JobXmlProperty<String> PATH = submit("path", ValueFormat.PATH,
                "Required: the operation's path below the service's base URL; its `{name}` placeholders are filled"
                        + " from the properties below.");
        static final JobXmlProperty<String> PROJECT_ID = submit("projectId", ValueFormat.ID,
                "Fills `{projectId}`; the project of the task to wait for. Required for cce, dcs and dws.");
        static final JobXmlProperty<String> INSTANCE_ID = submit("instanceId", ValueFormat.ID,
                "Fills `{instanceId}`; the DCS instance of the task. Required for dcs.");
        static final JobXmlProperty<String> CLUSTER_ID = submit("clusterId", ValueFormat.ID, "Fills `{clusterId}`.");
        static final JobXmlProperty<String> NODE_ID = submit("nodeId", ValueFormat.ID, "Fills `{nodeId}`.");
        static final JobXmlProperty<String> SERVICE_NAME = submit("serviceName", ValueFormat.ID,
                "Fills `{serviceName}`.");
        static final JobXmlProperty<Map<String, String>> PATH_PARAMS = submit("pathParams", ValueFormat.PATH_PARAMS,
                "Fills the other placeholders.");
        static final JobXmlProperty<String> BODY = submit("body", ValueFormat.JSON, "The JSON body, inline.");
        static final JobXmlProperty<String> BODY_RESOURCE = submit("bodyResource", ValueFormat.JSON_RESOURCE,
                "The JSON body from a class-path resource (e.g. `operations/create-node.json` in"
                        + " `WEB-INF/classes`).");
        static final JobXmlProperty<String> BODY_PARAMETER = submit("bodyParameter",
                ValueFormat.text("name of a job parameter whose value is JSON"),
                "The JSON body from the job parameter of this name (so a caller can pass it to"
                        + " `JobOperator.start`).");
        static final JobXmlProperty<String> TASK_ID_POINTER = submit("taskIdPointer", ValueFormat.JSON_POINTER,
                "Where the task id is in the answer; by default CCE `/status/jobID`, DWS `/job_id`, MRS `/id`;"
                        + " DCS answers carry none (see below).");
        static final JobXmlProperty<String> TASK_NAME = submit("taskName",
                ValueFormat.text("name of a DCS background task"),
                "DCS: the background task's name to match (`EXTEND` for a specification change).");
        static final JobXmlProperty<OnUncertain> ON_UNCERTAIN = JobXmlProperty.of("onUncertain",
                ValueFormat.ON_UNCERTAIN, OnUncertain.FAIL,
                "What to do when an earlier execution may have sent the operation.", SUBMIT_BATCHLET);
        static final JobXmlProperty<Integer> ERROR_BUDGET = JobXmlProperty.of("errorBudget", ValueFormat.COUNT, 5,
                "How often a request that certainly started nothing is sent again.", SUBMIT_BATCHLET);

        /** Every property of {@code submitCloudTask}, in documentation order. */
        static final List<JobXmlProperty<?>> ALL = List.of(SERVICE, METHOD, PATH, PROJECT_ID, INSTANCE_ID,
                CLUSTER_ID, NODE_ID, SERVICE_NAME, PATH_PARAMS, BODY, BODY_RESOURCE, BODY_PARAMETER, TASK_ID_POINTER,
                TASK_NAME, ON_UNCERTAIN, ERROR_BUDGET);

        /** The path placeholders filled from the property of the same name. */
        static final List<JobXmlProperty<String>> PLACEHOLDERS = List.of(PROJECT_ID, INSTANCE_ID, CLUSTER_ID,
                NODE_ID, SERVICE_NAME);

        private Submit() {
        }

        private static <T> JobXmlProperty<T> submit(String name, ValueFormat<T> format, String description) {
            return JobXmlProperty.of(name, format, null, description, SUBMIT_BATCHLET);
        }
    }

    /** Every property, in documentation order. */
    static final List<JobXmlProperty<?>> ALL = Stream.concat(AWAITING.stream(), Submit.ALL.stream()).toList();

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
