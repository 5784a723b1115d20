package dev.cloudtask.batch;

import dev.cloudtask.CloudService;
import dev.cloudtask.CloudServiceException;
import dev.cloudtask.TaskRef;
import dev.cloudtask.client.CloudOperations;
import dev.cloudtask.client.OperationAnswer;
import dev.cloudtask.client.OperationRequest;
import dev.cloudtask.internal.ErrorBodies;
import dev.cloudtask.internal.PathParams;
import dev.cloudtask.internal.Timestamps;
import jakarta.batch.runtime.context.StepContext;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.lang.reflect.InaccessibleObjectException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One run of a {@code submitCloudTask} step: decides from the step's history whether it may send,
 * sends with retries only where nothing can have started, finds the task, publishes it, and
 * leaves a {@link SubmitRecord} whenever it ends without publishing.
 */
final class SubmitRun {
    /** First pause before sending again after an answer that started nothing (doubles each time). */
    static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(1);
    /** Longest pause between attempts, also for a {@code Retry-After}. */
    static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(60);
    /** How long a DCS background task may predate the submission (clocks of client and cloud differ). */
    static final Duration DCS_CLOCK_SKEW = Duration.ofSeconds(30);
    /** How often the DCS background-task list is read before giving up on finding the new task. */
    static final int DCS_LIST_READS = 5;
    /** Pause between two reads of the DCS background-task list. */
    static final Duration DCS_LIST_PAUSE = Duration.ofSeconds(2);
    /** The {@code id} of an MRS Manager answer that started no asynchronous command (the documented default). */
    static final String MRS_NO_COMMAND = "-1";

    private static final DateTimeFormatter DCS_QUERY_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);
    /** The module and package that {@code InaccessibleObjectException} says are not opened. */
    private static final Pattern OPENS = Pattern.compile("module ([\\w.]+) does not \"opens ([\\w.]+)\"");

    private final StepContext step;
    private final String label;
    private final CloudOperations operations;
    private final Supplier<SubmitHistory> history;
    private final CountDownLatch stop = new CountDownLatch(1);

    /**
     * @param step the step's context (exit status, persistent user data)
     * @param label {@code job quickstart#12 step submitNode}, for messages
     * @param operations sends the requests
     * @param history reads the earlier executions of this step
     */
    SubmitRun(StepContext step, String label, CloudOperations operations, Supplier<SubmitHistory> history) {
        this.step = step;
        this.label = label;
        this.operations = operations;
        this.history = history;
    }

    /** Stops waiting between attempts; a request in flight is answered (or times out) first. */
    void stop() {
        stop.countDown();
    }

    private boolean stopped() {
        return stop.getCount() == 0;
    }

    /**
     * Runs the step.
     *
     * @return the exit status when the step completes or stops
     * @throws CloudTaskStepException when the step fails (exit status set, record stored)
     */
    String run(SubmitSpec spec) {
        SubmitHistory past = history.get();
        if (past.published() != null) {
            TaskRefs.publish(step, past.published().refs(), past.published().submittedAt());
            ProgressReporter.LOG.info(() -> label + ": not sent again, " + past.evidence());
            return complete(SubmitCloudTaskBatchlet.SUBMITTED);
        }
        if (past.uncertain()) {
            String when = past.mayHaveSentAt() == null ? "at an unknown time" : "at or after " + past.mayHaveSentAt();
            switch (spec.onUncertain()) {
                case RESUBMIT -> {
                    ProgressReporter.LOG.warning(() -> label + ": " + spec.operation() + " may have been sent " + when
                            + " (" + past.evidence() + "); sending it again as onUncertain=RESUBMIT asks");
                }
                case LOOKUP -> {
                    // without a time, any old task would match: look only when the time is known
                    Optional<String> found = past.mayHaveSentAt() == null ? Optional.empty()
                            : findDcsTask(spec, past.mayHaveSentAt(), 1);
                    if (found.isPresent()) {
                        ProgressReporter.LOG.info(() -> label + ": " + spec.operation() + " sent " + when
                                + " started background task " + found.get() + " (found by onUncertain=LOOKUP)");
                        return publish(spec, found.get(), past.mayHaveSentAt());
                    }
                    return uncertain(spec, past.mayHaveSentAt(), spec.operation() + " may have been sent " + when
                            + " (" + past.evidence() + ") and no background task of instance " + spec.instanceId()
                            + (spec.taskName() != null ? " named " + spec.taskName() : "") + " created since then was"
                            + " found; check the instance, then restart with onUncertain=RESUBMIT to send it again");
                }
                default -> {
                    return uncertain(spec, past.mayHaveSentAt(), spec.operation() + " may have been sent " + when
                            + " (" + past.evidence() + ") without a task being published; nothing was sent now."
                            + " Check the service, then restart with onUncertain=RESUBMIT to send it again");
                }
            }
        }
        return send(spec);
    }

    /** Sends the operation; nothing earlier may have reached the service (or RESUBMIT was chosen). */
    private String send(SubmitSpec spec) {
        OperationRequest request = spec.request();
        int failures = 0;
        boolean refreshed = false;
        while (true) {
            if (stopped()) {
                store(new SubmitRecord(null, spec.operation()));
                return "STOPPED";
            }
            Instant sentAt = operations.clock().instant();
            Duration retryIn = Duration.ZERO;
            String why = null;
            OperationAnswer answer = null;
            try {
                answer = operations.send(request);
            } catch (CloudServiceException e) {
                if (e.httpStatus() == 401 && !refreshed && operations.refreshCredentials(spec.service(), spec.projectId())) {
                    refreshed = true;
                    continue;
                }
                if (startedNothing(e)) {
                    retryIn = delay(failures, e.retryAfter());
                    why = e.getMessage();
                    if (failures++ >= spec.errorBudget()) {
                        return rejected(spec, e);
                    }
                } else if (e.httpStatus() >= 400 && e.httpStatus() < 500) {
                    return rejected(spec, e);
                } else {
                    return uncertain(spec, sentAt, spec.operation() + " sent at " + sentAt + " was answered with an"
                            + " error that does not say whether it started (" + e.getMessage() + ")");
                }
            } catch (RuntimeException e) {
                if (methodRefused(e)) {
                    store(new SubmitRecord(null, spec.operation()));
                    return fail(SubmitCloudTaskBatchlet.NOT_SENT, spec.operation() + " could not be sent: this"
                            + " runtime's HTTP client refuses the method " + request.method() + " (" + describe(e)
                            + "); nothing reached the service" + openingHint(e), e);
                }
                if (!neverSent(e)) {
                    return uncertain(spec, sentAt, spec.operation() + " sent at " + sentAt + " got no answer ("
                            + describe(e) + "); the service may have accepted it");
                }
                retryIn = delay(failures, null);
                why = describe(e);
                if (failures++ >= spec.errorBudget()) {
                    store(new SubmitRecord(null, spec.operation()));
                    return fail(SubmitCloudTaskBatchlet.NOT_SENT, spec.operation() + " could not be sent ("
                            + why + ") after " + failures + " attempts; nothing reached the service", e);
                }
            }
            if (answer != null) {
                return accepted(spec, answer, sentAt);
            }
            int attempt = failures;
            String reason = why;
            Duration wait = retryIn;
            ProgressReporter.LOG.info(() -> label + ": " + spec.operation() + " not accepted (" + reason
                    + "), nothing started; sending again in " + wait.toMillis() + " ms (retry " + attempt + " of "
                    + spec.errorBudget() + ")");
            pause(wait);
        }
    }

    /** 429 and API Gateway 503 answers: the request never reached the service. */
    static boolean startedNothing(CloudServiceException e) {
        return e.isThrottled() || e.httpStatus() == 503 && e.errorCode() != null && e.errorCode().startsWith("APIGW.");
    }

    /**
     * Whether the HTTP client refused the request's method before connecting: {@code HttpURLConnection}
     * knows no PATCH ({@code ProtocolException: Invalid HTTP method}), and a client's reflective way
     * around that may be closed by the module system. Retrying cannot help.
     */
    static boolean methodRefused(Throwable error) {
        return causes(error).anyMatch(t -> t instanceof ProtocolException && t.getMessage() != null
                && t.getMessage().startsWith("Invalid HTTP method")
                || t instanceof InaccessibleObjectException && t.getMessage() != null
                        && t.getMessage().contains("URLConnection"));
    }

    /**
     * For a refusal by the module system: the JVM option that opens the package named in it (Jersey's
     * way to send PATCH over HTTPS needs {@code sun.net.www.protocol.https}); otherwise empty.
     */
    static String openingHint(Throwable error) {
        return causes(error).filter(t -> t instanceof InaccessibleObjectException && t.getMessage() != null)
                .map(t -> OPENS.matcher(t.getMessage()))
                .filter(Matcher::find)
                .findFirst()
                .map(p -> "; start the JVM with --add-opens=" + p.group(1) + "/" + p.group(2) + "=ALL-UNNAMED")
                .orElse("");
    }

    /** Whether the failure happened before any byte of the request could reach the service. */
    static boolean neverSent(Throwable error) {
        return causes(error).anyMatch(t -> t instanceof ConnectException || t instanceof UnknownHostException
                || t instanceof NoRouteToHostException
                || t instanceof IllegalStateException && t.getMessage() != null
                        && t.getMessage().startsWith("no REST client")
                || t.getClass().getSimpleName().equals("ConnectTimeoutException")
                || t.getClass().getSimpleName().equals("HttpConnectTimeoutException"));
    }

    /** {@code error} and its causes, at most 20 deep (a cause chain may loop). */
    private static Stream<Throwable> causes(Throwable error) {
        return Stream.iterate(error, Objects::nonNull, Throwable::getCause).limit(20);
    }

    private static Duration delay(int failures, Duration retryAfter) {
        Duration d = retryAfter != null ? retryAfter : FIRST_RETRY_DELAY.multipliedBy(1L << Math.min(failures, 10));
        return d.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : d;
    }

    private void pause(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return;
        }
        try {
            stop.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.countDown();
        }
    }

    private String accepted(SubmitSpec spec, OperationAnswer answer, Instant sentAt) {
        Optional<String> taskId;
        String where;
        if (spec.taskIdPointer() != null) {
            Optional<String> pointed = pointed(answer.body(), spec.taskIdPointer());
            taskId = followable(spec.service(), pointed);
            where = "at " + spec.taskIdPointer() + " of the answer (HTTP " + answer.status() + ": "
                    + ErrorBodies.excerpt(answer.body()) + ")"
                    + (pointed.isPresent() && taskId.isEmpty()
                            ? "; MRS Manager answers id " + MRS_NO_COMMAND + " when it started no command to follow" : "");
        } else {
            taskId = findDcsTask(spec, sentAt, DCS_LIST_READS);
            where = "in the background-task list of instance " + spec.instanceId() + " (created since " + sentAt
                    + (spec.taskName() != null ? ", named " + spec.taskName() : "") + ")";
        }
        if (taskId.isEmpty()) {
            store(new SubmitRecord(sentAt, spec.operation()));
            return fail(SubmitCloudTaskBatchlet.NO_TASK_ID, spec.operation() + " was accepted at " + sentAt
                    + " (request id " + answer.requestId() + ") but no task id was found " + where
                    + "; a restart will not send it again unless onUncertain=RESUBMIT", null);
        }
        return publish(spec, taskId.get(), sentAt);
    }

    private String publish(SubmitSpec spec, String taskId, Instant sentAt) {
        TaskRef ref;
        try {
            ref = new TaskRef(spec.service(), spec.projectId(), spec.instanceId(), taskId);
        } catch (IllegalArgumentException e) {
            store(new SubmitRecord(sentAt, spec.operation()));
            return fail(SubmitCloudTaskBatchlet.NO_TASK_ID, spec.operation() + " was accepted at " + sentAt
                    + " but its task id is unusable: " + e.getMessage(), e);
        }
        TaskRefs.publish(step, ref, sentAt);
        ProgressReporter.LOG.info(() -> label + ": " + spec.operation() + " accepted, task " + ref.asString());
        return complete(SubmitCloudTaskBatchlet.SUBMITTED);
    }

    /** The task id found in an answer, unless it is MRS Manager's {@value #MRS_NO_COMMAND} (no command started). */
    static Optional<String> followable(CloudService service, Optional<String> id) {
        return service == CloudService.MRS ? id.filter(v -> !v.equals(MRS_NO_COMMAND)) : id;
    }

    /** The text or number at {@code pointer}, if the body is JSON and has one there. */
    static Optional<String> pointed(String body, String pointer) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try (var reader = Json.createReader(new StringReader(body))) {
            JsonValue root = reader.readValue();
            if (!(root instanceof JsonStructure structure)) {
                return Optional.empty();
            }
            var p = Json.createPointer(pointer);
            if (!p.containsValue(structure)) {
                return Optional.empty();
            }
            return text(p.getValue(structure));
        } catch (JsonException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonValue v) {
        if (v instanceof JsonString s && !s.getString().isBlank()) {
            return Optional.of(s.getString());
        }
        if (v instanceof JsonNumber n) {
            return Optional.of(n.toString());
        }
        return Optional.empty();
    }

    /**
     * The DCS background task the operation started: the newest task of the instance created at or
     * after {@code since} minus {@link #DCS_CLOCK_SKEW}, named {@code taskName} when set.
     */
    private Optional<String> findDcsTask(SubmitSpec spec, Instant since, int reads) {
        Instant from = since == null ? null : since.minus(DCS_CLOCK_SKEW);
        String path = "/v2/" + spec.projectId() + "/instances/" + spec.instanceId() + "/tasks?offset=0&limit=50"
                + (from == null ? "" : "&start_time=" + DCS_QUERY_TIME.format(from));
        for (int i = 0; i < reads && !stopped(); i++) {
            if (i > 0) {
                pause(DCS_LIST_PAUSE);
            }
            try {
                OperationAnswer list = operations.send(new OperationRequest(CloudService.DCS, "GET", path, null));
                Optional<String> id = newestTask(list.body(), from, spec.taskName());
                if (id.isPresent()) {
                    return id;
                }
            } catch (RuntimeException e) {
                ProgressReporter.LOG.log(Level.INFO, label + ": reading the background tasks of instance "
                        + spec.instanceId() + " failed: " + describe(e));
            }
        }
        return Optional.empty();
    }

    /** The id of the newest task in a DCS task list created at or after {@code from}, matching {@code name}. */
    static Optional<String> newestTask(String body, Instant from, String name) {
        JsonObject root;
        try (var reader = Json.createReader(new StringReader(body))) {
            root = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            return Optional.empty();
        }
        JsonArray tasks = root.getJsonArray("tasks");
        if (tasks == null) {
            return Optional.empty();
        }
        record Found(String id, Instant created) {
        }
        return tasks.stream().filter(v -> v instanceof JsonObject).map(JsonValue::asJsonObject)
                .filter(t -> name == null || name.equalsIgnoreCase(t.getString("name", "")))
                .map(t -> new Found(t.getString("id", null), Timestamps.parse(t.getString("created_at", "")).orElse(null)))
                .filter(f -> f.id() != null && f.created() != null && (from == null || !f.created().isBefore(from)))
                .max(Comparator.comparing(Found::created))
                .map(Found::id);
    }

    private String rejected(SubmitSpec spec, CloudServiceException e) {
        store(new SubmitRecord(null, spec.operation()));
        String code = e.errorCode() != null ? e.errorCode() : "HTTP_" + e.httpStatus();
        return fail(SubmitCloudTaskBatchlet.REJECTED_PREFIX + code, spec.operation() + " was rejected, nothing was"
                + " started: " + e.getMessage(), e);
    }

    private String uncertain(SubmitSpec spec, Instant since, String message) {
        store(new SubmitRecord(since == null ? operations.clock().instant() : since, spec.operation()));
        return fail(SubmitCloudTaskBatchlet.SUBMISSION_UNCERTAIN, message, null);
    }

    private String complete(String exitStatus) {
        step.setExitStatus(exitStatus);
        return exitStatus;
    }

    private String fail(String exitStatus, String message, Throwable cause) {
        step.setExitStatus(exitStatus);
        String full = label + ": " + message + "; exit status " + exitStatus;
        ProgressReporter.LOG.warning(full);
        throw cause == null ? new CloudTaskStepException(full) : new CloudTaskStepException(full, cause);
    }

    private void store(SubmitRecord record) {
        step.setPersistentUserData(record.encode());
    }

    private static String describe(Throwable e) {
        Throwable root = causes(e).reduce((cause, deeper) -> deeper).orElse(e);
        String m = root.getMessage();
        return root.getClass().getSimpleName() + (m == null ? "" : ": " + PathParams.excerpt(m));
    }
}
