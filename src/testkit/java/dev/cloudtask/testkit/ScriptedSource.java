package dev.cloudtask.testkit;

import dev.cloudtask.CloudService;
import dev.cloudtask.CloudServiceException;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskState;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.TaskStatusSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A {@link TaskStatusSource} that answers from a script, one step per request (any task reference);
 * after the script's end its last step repeats. It records when each request was made.
 */
public final class ScriptedSource implements TaskStatusSource {
    private final Clock clock;
    private final List<Supplier<CompletionStage<TaskStatus>>> script = new ArrayList<>();
    private final List<Instant> fetchTimes = new ArrayList<>();
    private final List<CompletableFuture<TaskStatus>> hanging = new ArrayList<>();
    private boolean refreshResult = true;
    private int refreshCalls;
    private int next;

    public ScriptedSource(Clock clock) {
        this.clock = clock;
    }

    /** Next answer: this status. */
    public ScriptedSource then(TaskStatus status) {
        script.add(() -> CompletableFuture.completedFuture(status));
        return this;
    }

    /** The next {@code times} answers: this status. */
    public ScriptedSource then(TaskStatus status, int times) {
        for (int i = 0; i < times; i++) {
            then(status);
        }
        return this;
    }

    /** Next answer: this failure. */
    public ScriptedSource thenFail(Throwable failure) {
        script.add(() -> CompletableFuture.failedFuture(failure));
        return this;
    }

    /** Next answer: an HTTP error from the service. */
    public ScriptedSource thenHttp(int status) {
        return thenFail(http(status, null));
    }

    /** Next request never gets an answer. */
    public ScriptedSource thenHang() {
        script.add(() -> {
            CompletableFuture<TaskStatus> f = new CompletableFuture<>();
            synchronized (this) {
                hanging.add(f);
            }
            return f;
        });
        return this;
    }

    /** What {@link #refreshCredentials} answers. */
    public ScriptedSource refreshAnswers(boolean fresh) {
        this.refreshResult = fresh;
        return this;
    }

    @Override
    public synchronized CompletionStage<TaskStatus> fetch(TaskRef ref) {
        fetchTimes.add(clock.instant());
        if (script.isEmpty()) {
            throw new IllegalStateException("empty script");
        }
        Supplier<CompletionStage<TaskStatus>> step = script.get(Math.min(next, script.size() - 1));
        next++;
        return step.get();
    }

    @Override
    public synchronized boolean refreshCredentials(TaskRef ref) {
        refreshCalls++;
        return refreshResult;
    }

    public synchronized List<Instant> fetchTimes() {
        return List.copyOf(fetchTimes);
    }

    /** Request times as seconds after {@code start}. */
    public synchronized List<Double> fetchSeconds(Instant start) {
        List<Double> out = new ArrayList<>();
        for (Instant t : fetchTimes) {
            out.add(Duration.between(start, t).toMillis() / 1000.0);
        }
        return out;
    }

    public synchronized int fetches() {
        return fetchTimes.size();
    }

    public synchronized int refreshCalls() {
        return refreshCalls;
    }

    public synchronized List<CompletableFuture<TaskStatus>> hanging() {
        return List.copyOf(hanging);
    }

    // ------------------------------------------------------------ statuses

    public static TaskStatus running() {
        return TaskStatus.of(TaskState.RUNNING, "RUNNING");
    }

    public static TaskStatus running(int percent) {
        return new TaskStatus(TaskState.RUNNING, percent, "RUNNING", List.of(), null, null, null, null, null);
    }

    public static TaskStatus remaining(Duration left) {
        return new TaskStatus(TaskState.RUNNING, null, "RUNNING", List.of(), null, null, left, null, null);
    }

    public static TaskStatus subTasks(int done, int total) {
        return new TaskStatus(TaskState.RUNNING, null, "Running", List.of(), null, null, null, done, total);
    }

    public static TaskStatus succeeded() {
        return new TaskStatus(TaskState.SUCCEEDED, 100, "SUCCESS", List.of(), null, null, null, null, null);
    }

    public static TaskStatus failed(String code, String message) {
        return new TaskStatus(TaskState.FAILED, null, "FAILED", List.of(), code, message, null, null, null);
    }

    public static TaskStatus unknown(String remoteState) {
        return TaskStatus.of(TaskState.UNKNOWN, remoteState);
    }

    public static CloudServiceException http(int status, Duration retryAfter) {
        return new CloudServiceException(CloudService.DCS, status, status == 0 ? null : "DCS." + status,
                "scripted", "req-1", retryAfter);
    }
}
