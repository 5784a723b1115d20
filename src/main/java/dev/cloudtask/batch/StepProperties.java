package dev.cloudtask.batch;

import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import dev.cloudtask.internal.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The job-XML properties of the cloudtask artifacts, as written, and their parsing.
 *
 * <p>A property whose value is null or blank counts as not set: the runtime substitutes an empty
 * string for a {@code #{jobParameters['x']}} that has no value. Every parse failure is an
 * {@link InvalidPropertyException} naming the property and its value.
 */
final class StepProperties {
    static final String SERVICE = "service";
    static final String TASK_ID = "taskId";
    static final String TASKS = "tasks";
    static final String TASK_FROM_STEP = "taskFromStep";
    static final String PROJECT_ID = "projectId";
    static final String INSTANCE_ID = "instanceId";
    static final String SUBMITTED_AT = "submittedAt";
    static final String TIMEOUT = "timeout";
    static final String INITIAL_DELAY = "initialDelay";
    static final String FIRST_INTERVAL = "firstInterval";
    static final String GROWTH = "growth";
    static final String MAX_INTERVAL = "maxInterval";
    static final String ERROR_BUDGET = "errorBudget";
    static final String NOT_FOUND_GRACE = "notFoundGrace";
    static final String STRICT = "strict";
    static final String ON_REMOTE_FAILURE = "onRemoteFailure";
    static final String MODE = "mode";

    private static final Set<String> KNOWN = Set.of(SERVICE, TASK_ID, TASKS, TASK_FROM_STEP,
            PROJECT_ID, INSTANCE_ID, SUBMITTED_AT, TIMEOUT, INITIAL_DELAY, FIRST_INTERVAL, GROWTH, MAX_INTERVAL,
            ERROR_BUDGET, NOT_FOUND_GRACE, STRICT, ON_REMOTE_FAILURE, MODE);

    private final Map<String, String> raw;

    /** @param raw property name to value as injected (values may be null) */
    StepProperties(Map<String, String> raw) {
        this.raw = raw;
    }

    private String get(String name) {
        String v = raw.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /**
     * Which tasks to wait for: exactly one of {@code taskId} (with {@code service},
     * {@code projectId}, {@code instanceId}), {@code tasks} or {@code taskFromStep}.
     */
    TaskSelector selector() {
        List<String> given = new ArrayList<>();
        for (String name : List.of(TASK_ID, TASKS, TASK_FROM_STEP)) {
            if (get(name) != null) {
                given.add(name);
            }
        }
        if (given.isEmpty()) {
            throw new InvalidPropertyException(TASK_ID, raw.get(TASK_ID),
                    "set taskId (with service), tasks or taskFromStep");
        }
        if (given.size() > 1) {
            throw new InvalidPropertyException(given.get(1), raw.get(given.get(1)),
                    "cannot be combined with '" + given.get(0) + "': set only one of taskId, tasks, taskFromStep");
        }
        String which = given.get(0);
        if (!which.equals(TASK_ID)) {
            for (String idPart : List.of(SERVICE, PROJECT_ID, INSTANCE_ID)) {
                if (get(idPart) != null) {
                    throw new InvalidPropertyException(idPart, raw.get(idPart),
                            "is only used with taskId, not with " + which);
                }
            }
        }
        return switch (which) {
            case TASK_ID -> new TaskSelector.Explicit(List.of(singleRef()), submittedAt());
            case TASKS -> new TaskSelector.Explicit(refList(TASKS), submittedAt());
            default -> new TaskSelector.FromStep(get(TASK_FROM_STEP));
        };
    }

    private TaskRef singleRef() {
        CloudService service = parse(SERVICE, v -> CloudService.parse(SERVICE, v), null);
        if (service == null) {
            throw new InvalidPropertyException(SERVICE, raw.get(SERVICE), "expected cce, dcs, dws or mrs");
        }
        String project = get(PROJECT_ID);
        String instance = get(INSTANCE_ID);
        if (service.needsProject() && project == null) {
            throw new InvalidPropertyException(PROJECT_ID, raw.get(PROJECT_ID), service.id() + " needs it");
        }
        if (service.needsInstance() && instance == null) {
            throw new InvalidPropertyException(INSTANCE_ID, raw.get(INSTANCE_ID), "dcs needs it");
        }
        try {
            return new TaskRef(service, project, instance, get(TASK_ID));
        } catch (IllegalArgumentException e) {
            String prop = blame(e.getMessage(), TASK_ID);
            throw new InvalidPropertyException(prop, raw.get(prop), e.getMessage());
        }
    }

    /**
     * Task references in text form, separated by commas or whitespace.
     *
     * @param name the property holding them
     */
    List<TaskRef> refList(String name) {
        List<TaskRef> refs = new ArrayList<>();
        for (String part : get(name).split("[,\\s]+")) {
            if (!part.isEmpty()) {
                refs.add(parseRef(name, part));
            }
        }
        if (refs.isEmpty()) {
            throw new InvalidPropertyException(name, raw.get(name), "names no task");
        }
        return refs;
    }

    private TaskRef parseRef(String name, String text) {
        try {
            return TaskRef.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidPropertyException(name, raw.get(name), e.getMessage());
        }
    }

    /** {@code submittedAt}: an ISO-8601 instant, or null when not set. */
    Instant submittedAt() {
        return parse(SUBMITTED_AT, Instant::parse, null);
    }

    /** The wait policy: {@link AwaitPolicy#ofDefaults()} with every knob that is set. */
    AwaitPolicy policy() {
        AwaitPolicy d = AwaitPolicy.ofDefaults();
        Duration initialDelay = duration(INITIAL_DELAY, d.initialDelay());
        Duration firstInterval = duration(FIRST_INTERVAL, d.firstInterval());
        double growth = parse(GROWTH, Double::parseDouble, d.growth());
        Duration maxInterval = duration(MAX_INTERVAL, d.maxInterval());
        Duration timeout = duration(TIMEOUT, d.timeout());
        int errorBudget = parse(ERROR_BUDGET, Integer::parseInt, d.errorBudget());
        Duration notFoundGrace = duration(NOT_FOUND_GRACE, d.notFoundGrace());
        boolean strict = parse(STRICT, StepProperties::bool, d.strict());
        try {
            return new AwaitPolicy(initialDelay, firstInterval, growth, maxInterval, timeout, errorBudget,
                    notFoundGrace, strict);
        } catch (IllegalArgumentException e) {
            String prop = blame(e.getMessage(), TIMEOUT);
            throw new InvalidPropertyException(prop, raw.get(prop), e.getMessage());
        }
    }

    OnRemoteFailure onRemoteFailure() {
        return parse(ON_REMOTE_FAILURE, OnRemoteFailure::parse, OnRemoteFailure.FAIL);
    }

    FanIn mode() {
        return parse(MODE, FanIn::parse, FanIn.ALL);
    }

    private Duration duration(String name, Duration fallback) {
        return parse(name, v -> Durations.parse(name, v), fallback);
    }

    private <T> T parse(String name, Function<String, T> parser, T fallback) {
        String v = get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return parser.apply(v);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new InvalidPropertyException(name, raw.get(name), "is not a valid " + kind(name));
        } catch (IllegalArgumentException e) {
            throw new InvalidPropertyException(name, raw.get(name), e.getMessage());
        }
    }

    private static String kind(String name) {
        return switch (name) {
            case GROWTH -> "number (>= 1)";
            case ERROR_BUDGET -> "whole number (>= 0)";
            case SUBMITTED_AT -> "ISO-8601 instant such as 2024-05-01T10:15:30Z";
            default -> "value";
        };
    }

    private static boolean bool(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    /**
     * The property to blame for an error message of a core type ({@code maxInterval '2m' must not
     * be shorter than firstInterval '10m'}): the first property named in the message that the job
     * XML set, else the first one named, else {@code fallback}.
     */
    private String blame(String message, String fallback) {
        String firstNamed = null;
        if (message != null) {
            for (String word : message.split("[^A-Za-z]+")) {
                if (KNOWN.contains(word)) {
                    if (get(word) != null) {
                        return word;
                    }
                    firstNamed = firstNamed == null ? word : firstNamed;
                }
            }
        }
        return firstNamed != null ? firstNamed : fallback;
    }
}
