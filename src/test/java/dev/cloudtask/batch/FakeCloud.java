package dev.cloudtask.batch;

import dev.cloudtask.AwaitHandle;
import dev.cloudtask.AwaitOutcome;
import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.ProgressEvent;
import dev.cloudtask.ProgressListener;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskState;
import dev.cloudtask.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scriptable stand-in for the polling engine, kept for the unit tests of {@link StepWait} (the
 * fan-in rules), where exact control over the order in which waits end is the point: a store of
 * remote tasks whose states the test sets, and waits that end when their task reaches a terminal
 * state, when the test advances the virtual clock past their timeout, or when they are stopped.
 * The job tests run the real engine against the simulator instead ({@link dev.cloudtask.testkit.batch.SimBatch}).
 */
public final class FakeCloud {
    private static final FakeCloud INSTANCE = new FakeCloud();
    static final String PROJECT = "proj1";

    private final Map<TaskRef, TaskStatus> statuses = new ConcurrentHashMap<>();
    private final Set<TaskRef> hanging = ConcurrentHashMap.newKeySet();
    private final Map<TaskRef, AtomicInteger> starts = new ConcurrentHashMap<>();
    private final List<Wait> waits = new CopyOnWriteArrayList<>();
    private final List<AwaitOutcome> outcomes = new CopyOnWriteArrayList<>();
    private final AtomicInteger submissions = new AtomicInteger();
    private final List<TaskRef> submitted = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile Duration now = Duration.ZERO;

    static FakeCloud get() {
        return INSTANCE;
    }

    /** Forgets every task and wait (waits still running are stopped). */
    synchronized void reset() {
        waits.forEach(Wait::stop);
        statuses.clear();
        hanging.clear();
        starts.clear();
        outcomes.clear();
        submissions.set(0);
        submitted.clear();
        now = Duration.ZERO;
    }

    /** Submits a new CCE job (RUNNING); counts the submission. */
    TaskRef submit() {
        String id = "job-" + ids.incrementAndGet();
        TaskRef ref = TaskRef.cce(PROJECT, id);
        submissions.incrementAndGet();
        submitted.add(ref);
        set(ref, status(TaskState.RUNNING, 0, "Running", null));
        return ref;
    }

    /** Creates a task in state RUNNING without counting a submission. */
    TaskRef create(String id) {
        TaskRef ref = TaskRef.cce(PROJECT, id);
        set(ref, status(TaskState.RUNNING, 0, "Running", null));
        return ref;
    }

    void running(TaskRef ref, int percent) {
        set(ref, status(TaskState.RUNNING, percent, "Running", null));
    }

    void succeed(TaskRef ref) {
        set(ref, status(TaskState.SUCCEEDED, 100, "Success", null));
    }

    void fail(TaskRef ref, String code) {
        set(ref, status(TaskState.FAILED, null, "Failed", code));
    }

    /** Requests for this task never get an answer: its waits only end by stop or timeout. */
    void hang(TaskRef ref) {
        hanging.add(ref);
    }

    /** The task's progress cannot be read: its waits end ERROR with {@code code}. */
    void error(TaskRef ref, String code) {
        for (Wait w : waitsFor(ref)) {
            w.end(AwaitOutcome.Kind.ERROR, code, "HTTP 403");
        }
    }

    /** Advances the virtual clock; waits whose timeout has passed end TIMED_OUT. */
    void advance(Duration d) {
        now = now.plus(d);
        for (Wait w : waits) {
            if (now.minus(w.startedAt).compareTo(w.policy.timeout()) >= 0) {
                w.end(AwaitOutcome.Kind.TIMED_OUT, null, "timeout");
            }
        }
    }

    /** Stops every wait still running. */
    void stopAll() {
        waits.forEach(Wait::stop);
    }

    /** The tasks submitted so far, in order. */
    List<TaskRef> submitted() {
        return List.copyOf(submitted);
    }

    int submissions() {
        return submissions.get();
    }

    /** How many waits were started on the task. */
    int starts(TaskRef ref) {
        AtomicInteger n = starts.get(ref);
        return n == null ? 0 : n.get();
    }

    int totalStarts() {
        return starts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    int activeWaits() {
        return waits.size();
    }

    List<Wait> waitsFor(TaskRef ref) {
        return waits.stream().filter(w -> w.ref.equals(ref)).toList();
    }

    /** Outcomes of all waits ended so far, in order. */
    List<AwaitOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    private static TaskStatus status(TaskState state, Integer percent, String phase, String code) {
        return new TaskStatus(state, percent, phase, List.of(), code, code == null ? null : "remote failure",
                null, null, null);
    }

    private void set(TaskRef ref, TaskStatus status) {
        statuses.put(ref, status);
        for (Wait w : waitsFor(ref)) {
            w.observe(status);
        }
    }

    AwaitHandle start(TaskRef ref, AwaitPolicy policy, ProgressListener listener) {
        starts.computeIfAbsent(ref, r -> new AtomicInteger()).incrementAndGet();
        Wait w = new Wait(ref, policy, listener, now);
        waits.add(w);
        TaskStatus current = statuses.get(ref);
        if (current != null && !hanging.contains(ref)) {
            w.observe(current);
        }
        return w;
    }

    /** One wait: ends once; its progress events go to the listener on the caller's thread. */
    final class Wait implements AwaitHandle {
        final TaskRef ref;
        final AwaitPolicy policy;
        private final ProgressListener listener;
        private final Duration startedAt;
        private final CompletableFuture<AwaitOutcome> outcome = new CompletableFuture<>();
        private TaskStatus last;
        private int polls;

        Wait(TaskRef ref, AwaitPolicy policy, ProgressListener listener, Duration startedAt) {
            this.ref = ref;
            this.policy = policy;
            this.listener = listener;
            this.startedAt = startedAt;
        }

        synchronized void observe(TaskStatus status) {
            if (outcome.isDone()) {
                return;
            }
            polls++;
            if (!status.equals(last)) {
                listener.onProgress(new ProgressEvent(ref, last, status, Instant.EPOCH.plus(now)));
                last = status;
            }
            if (status.state() == TaskState.SUCCEEDED) {
                end(AwaitOutcome.Kind.SUCCEEDED, null, null);
            } else if (status.state() == TaskState.FAILED) {
                end(AwaitOutcome.Kind.FAILED, status.errorCode(), status.errorMessage());
            }
        }

        synchronized void end(AwaitOutcome.Kind kind, String code, String detail) {
            if (outcome.isDone()) {
                return;
            }
            waits.remove(this);
            AwaitOutcome o = new AwaitOutcome(kind, ref, last, polls, 0, now.minus(startedAt), code, detail);
            outcomes.add(o);
            outcome.complete(o);
        }

        @Override
        public TaskRef ref() {
            return ref;
        }

        @Override
        public CompletionStage<AwaitOutcome> outcome() {
            return outcome;
        }

        @Override
        public void stop() {
            end(AwaitOutcome.Kind.STOPPED, null, "stopped");
        }

        @Override
        public AwaitOutcome join() {
            try {
                return outcome.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                return outcome.join();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
