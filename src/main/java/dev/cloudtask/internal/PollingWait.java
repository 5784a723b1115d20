package dev.cloudtask.internal;

import dev.cloudtask.AwaitHandle;
import dev.cloudtask.AwaitOutcome;
import dev.cloudtask.AwaitOutcome.Kind;
import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.CloudServiceException;
import dev.cloudtask.ProgressEvent;
import dev.cloudtask.ProgressListener;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskState;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.auth.CloudAuthException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The state machine of one wait. It is an object with at most two timers on the shared scheduler
 * (the deadline, and either the next poll or the request timeout) and at most one request in
 * flight; it never holds a thread while waiting.
 *
 * <p>All state changes happen under the wait's own lock; the progress listener is called and the
 * outcome completed outside it. The next poll is planned only after the listener has returned, so
 * the events of one wait arrive in order and the terminal event comes before the outcome. Every request carries an attempt number, so an answer that arrives
 * after the wait moved on (request timeout, stop, deadline) is ignored.
 */
final class PollingWait implements AwaitHandle {
    private static final Logger LOG = Logger.getLogger(PollingWait.class.getName());

    private final PollingEngine engine;
    private final TaskRef ref;
    private final AwaitPolicy policy;
    private final ProgressListener listener;
    private final IntervalStrategy.Schedule schedule;
    private final String limitKey;
    private final RateLimiter limiter;
    private final Instant startedAt;
    private final Instant deadline;
    private final Instant graceEnd;
    private final CompletableFuture<AwaitOutcome> outcome = new CompletableFuture<>();
    private final Telemetry.Wait telemetry;

    // guarded by this
    private boolean ended;
    private long attempt;
    private int polls;
    private int errors;
    private int transientInARow;
    private int throttledInARow;
    private int notFoundInARow;
    private boolean refreshedCredentials;
    private TaskStatus last;
    private Instant lastAnswerAt;
    private Future<?> deadlineTimer;
    private Future<?> stepTimer;
    private SameTaskWaits.Flight flight;

    PollingWait(PollingEngine engine, TaskRef ref, Instant submittedAt, AwaitPolicy policy,
            ProgressListener listener) {
        this.engine = engine;
        this.ref = Objects.requireNonNull(ref, "ref");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.listener = listener == null ? ProgressListener.NONE : listener;
        this.startedAt = engine.clock().instant();
        this.schedule = engine.intervals().start(policy, engine.random(),
                submittedAt != null && submittedAt.isBefore(startedAt) ? submittedAt : startedAt);
        this.limitKey = ref.service().id() + "/" + (ref.projectId() == null ? "" : ref.projectId());
        this.limiter = engine.limiter(ref.service());
        this.deadline = startedAt.plus(policy.timeout());
        this.graceEnd = (submittedAt == null ? startedAt : submittedAt).plus(policy.notFoundGrace());
        this.telemetry = engine.telemetry().waitStarted(ref, startedAt); // on the starting thread: its trace
    }

    /** Arms the deadline and the first poll. */
    void begin() {
        engine.sameTask().join(ref);
        limiter.join(limitKey);
        synchronized (this) {
            deadlineTimer = engine.schedule(this::onDeadline, policy.timeout());
            planPoll(schedule.firstDelay());
        }
    }

    @Override
    public TaskRef ref() {
        return ref;
    }

    @Override
    public CompletionStage<AwaitOutcome> outcome() {
        return outcome.minimalCompletionStage();
    }

    @Override
    public void stop() {
        end(Kind.STOPPED, null, ref + ": the wait was stopped");
    }

    @Override
    public AwaitOutcome join() {
        try {
            return outcome.get();
        } catch (InterruptedException e) {
            stop();
            Thread.currentThread().interrupt();
            return outcome.getNow(null);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the outcome of a wait never fails", e);
        }
    }

    // ---------------------------------------------------------------- polling

    private void poll() {
        synchronized (this) {
            if (ended) {
                return;
            }
            attempt++;
            TaskStatus recent = engine.sameTask().recentAnswer(ref, engine.clock().instant(), lastAnswerAt);
            if (recent != null) {
                long mine = attempt;
                engine.executor().execute(() -> onAnswer(mine, recent, null));
                return;
            }
            SameTaskWaits.Flight shared = engine.sameTask().joinInFlight(ref);
            if (shared != null) {
                attach(shared);
                return;
            }
            long waitNanos = limiter.reserve(limitKey, engine.nowNanos());
            engine.telemetry().heldBack(ref, waitNanos);
            if (waitNanos > 0) {
                stepTimer = engine.schedule(this::send, Duration.ofNanos(waitNanos));
                return;
            }
        }
        send();
    }

    private void send() {
        synchronized (this) {
            if (ended) {
                return;
            }
        }
        SameTaskWaits.Flight f = engine.sameTask().joinOrFetch(ref);
        synchronized (this) {
            if (ended) {
                f.leave();
                return;
            }
            attach(f);
        }
    }

    private void attach(SameTaskWaits.Flight f) {
        flight = f;
        long mine = attempt;
        stepTimer = engine.schedule(() -> onRequestTimeout(mine), engine.requestTimeout(ref.service()));
        f.result().whenCompleteAsync((status, failure) -> onAnswer(mine, status, failure), engine.executor());
    }

    private void onRequestTimeout(long mine) {
        Runnable after;
        synchronized (this) {
            if (ended || mine != attempt) {
                return;
            }
            attempt++;
            stepTimer = null;
            releaseFlight();
            TimeoutException timeout = new TimeoutException("no answer within "
                    + Durations.format(engine.requestTimeout(ref.service())));
            after = onFault(engine.clock().instant(), new Fault(Fault.Kind.TRANSIENT, timeout));
        }
        if (after != null) {
            after.run();
        }
    }

    private void onAnswer(long mine, TaskStatus status, Throwable failure) {
        ProgressEvent event = null;
        Runnable after = null;
        synchronized (this) {
            if (ended || mine != attempt) {
                return;
            }
            cancelStep();
            flight = null;
            Instant now = engine.clock().instant();
            if (failure == null && status == null) {
                failure = new IllegalStateException("the source answered no status");
            }
            if (failure == null) {
                lastAnswerAt = now;
                TaskStatus previous = last;
                after = onStatus(now, status); // renews the schedule's prediction
                if (changed(previous, status)) {
                    ProgressEstimator.Estimate e = status.state().isTerminal() ? null : schedule.estimate();
                    event = e == null ? new ProgressEvent(ref, previous, status, now)
                            : new ProgressEvent(ref, previous, status, now, e.end(), e.spread());
                }
            } else {
                after = onFault(now, Fault.classify(failure));
            }
        }
        if (event != null) {
            notifyListener(event);
        }
        if (after != null) {
            after.run();
        }
    }

    /** Handles an answered status; returns what to do outside the lock, or null. */
    private Runnable onStatus(Instant now, TaskStatus status) {
        polls++;
        telemetry.polled(Telemetry.PollResult.ANSWERED);
        transientInARow = 0;
        throttledInARow = 0;
        notFoundInARow = 0;
        refreshedCredentials = false;
        last = status;
        if (status.state() == TaskState.SUCCEEDED) {
            return ending(Kind.SUCCEEDED, null, null);
        }
        if (status.state() == TaskState.FAILED) {
            String detail = status.errorMessage() != null ? status.errorMessage()
                    : "ended in state " + status.remoteState();
            return ending(Kind.FAILED, status.errorCode(), ref + " failed: " + detail);
        }
        if (status.state() == TaskState.UNKNOWN && policy.strict()) {
            return ending(Kind.FAILED, status.errorCode(), ref + " is in state '" + status.remoteState()
                    + "', which this library does not know (strict mode)");
        }
        Duration next = schedule.next(now, status);
        return () -> { // after the listener has seen this status, so events stay in order
            synchronized (this) {
                if (!ended) {
                    planPoll(next);
                }
            }
        };
    }

    /** Handles a failed request; returns what to do outside the lock, or null. */
    private Runnable onFault(Instant now, Fault fault) {
        if (fault.answered()) {
            polls++;
        }
        CloudServiceException remote = fault.cause() instanceof CloudServiceException e ? e : null;
        telemetry.polled(switch (fault.kind()) {
            case THROTTLED -> Telemetry.PollResult.THROTTLED;
            case TRANSIENT -> Telemetry.PollResult.TRANSIENT_ERROR;
            default -> Telemetry.PollResult.REJECTED;
        });
        switch (fault.kind()) {
            case THROTTLED -> {
                throttledInARow++;
                // the service's limit is lower than this engine's rate (other members share it): slow down
                limiter.throttled(limitKey, engine.nowNanos());
                Duration delay = remote.retryAfter();
                if (delay != null) {
                    limiter.pauseUntil(limitKey, engine.nowNanos() + delay.toNanos());
                } else {
                    delay = backoff(throttledInARow);
                }
                planPoll(delay);
                return null;
            }
            case UNAUTHORIZED -> {
                errors++;
                if (refreshedCredentials) {
                    return error(fault, "the credential was rejected again after a refresh");
                }
                refreshedCredentials = true;
                return () -> refreshCredentials(fault);
            }
            case NOT_FOUND -> {
                errors++;
                if (now.isBefore(graceEnd)) {
                    notFoundInARow++;
                    planPoll(backoff(notFoundInARow));
                    return null;
                }
                return error(fault, "not found " + Durations.format(policy.notFoundGrace())
                        + " or more after submission");
            }
            case TRANSIENT -> {
                errors++;
                transientInARow++;
                if (transientInARow > policy.errorBudget()) {
                    return error(fault, transientInARow + " transient errors in a row (budget "
                            + policy.errorBudget() + ")");
                }
                planPoll(backoff(transientInARow));
                return null;
            }
            default -> {
                errors++;
                return error(fault, null);
            }
        }
    }

    /** Asks the source for a fresh credential after the 401 {@code fault}; ends ERROR with its code if none. */
    private void refreshCredentials(Fault fault) {
        boolean fresh;
        try {
            fresh = engine.source().refreshCredentials(ref);
        } catch (RuntimeException e) {
            if (e instanceof CloudAuthException auth && auth.isRejected()) {
                endRefused(new Fault(Fault.Kind.FATAL, auth));
                return;
            }
            LOG.log(Level.WARNING, "credential refresh for " + ref + " failed: " + e.getClass().getName());
            fresh = false;
        }
        telemetry.credentialRefreshed(fresh);
        synchronized (this) {
            if (ended) {
                return;
            }
            if (fresh) {
                planPoll(Duration.ZERO);
                return;
            }
        }
        Runnable r;
        synchronized (this) {
            r = error(fault, "no fresh credential could be obtained");
        }
        if (r != null) {
            r.run();
        }
    }

    /** Ends the wait with {@code failure} after the refresh for a 401 failed for good. */
    private void endRefused(Fault failure) {
        Runnable r;
        synchronized (this) {
            r = ended ? null : error(failure, "refreshing the credential after HTTP 401");
        }
        if (r != null) {
            r.run();
        }
    }

    // ---------------------------------------------------------------- timing

    /**
     * Plans the next poll {@code delay} from now (or sooner, onto a poll planned by another wait for
     * the same task); a poll at or after the deadline is not made.
     */
    private void planPoll(Duration delay) {
        Instant now = engine.clock().instant();
        Instant at = engine.sameTask().align(ref, now, now.plus(delay));
        if (!at.isBefore(deadline)) {
            return; // the deadline timer ends the wait
        }
        stepTimer = engine.schedule(this::poll, Duration.between(now, at));
    }

    /**
     * The retry delay after the n-th error (or 429 without Retry-After, or 404 in the grace period)
     * in a row: {@code firstInterval × 2^(n−1)}, capped at {@code maxInterval} and at
     * {@link PollingEngine#MAX_ERROR_BACKOFF}, so a persistent fault uses up the error budget in
     * minutes even when {@code maxInterval} is long.
     */
    private Duration backoff(int inARow) {
        double nanos = policy.firstInterval().toNanos() * Math.pow(2, Math.min(inARow - 1, 30));
        long cap = Math.min(policy.maxInterval().toNanos(), PollingEngine.MAX_ERROR_BACKOFF.toNanos());
        return Duration.ofNanos((long) Math.min(nanos, cap));
    }

    private void onDeadline() {
        Runnable r;
        synchronized (this) {
            String state = last == null ? "no status read" : describe(last);
            r = ending(Kind.TIMED_OUT, null, ref + " did not end within "
                    + Durations.format(policy.timeout()) + " (" + state + ")");
        }
        if (r != null) {
            r.run();
        }
    }

    // ---------------------------------------------------------------- ending

    private Runnable error(Fault fault, String why) {
        Throwable t = fault.cause();
        String code = null;
        String message;
        if (t instanceof CloudServiceException e) {
            code = e.errorCode() != null ? e.errorCode() : e.httpStatus() > 0 ? Integer.toString(e.httpStatus()) : null;
            message = e.getMessage();
        } else if (t instanceof CloudAuthException e) {
            code = CloudAuthException.ERROR_CODE;
            message = e.getMessage();
        } else {
            message = "request failed: " + t.getClass().getSimpleName()
                    + (t.getMessage() == null ? "" : ": " + t.getMessage());
        }
        return ending(Kind.ERROR, code, ref + ": " + message + (why == null ? "" : " (" + why + ")"));
    }

    private void end(Kind kind, String code, String detail) {
        Runnable r;
        synchronized (this) {
            r = ending(kind, code, detail);
        }
        if (r != null) {
            r.run();
        }
    }

    /** Marks the wait ended under the lock; the returned action completes the outcome. */
    private Runnable ending(Kind kind, String code, String detail) {
        if (ended) {
            return null;
        }
        ended = true;
        attempt++;
        engine.sameTask().leave(ref);
        limiter.leave(limitKey);
        cancelStep();
        if (deadlineTimer != null) {
            deadlineTimer.cancel(false);
        }
        releaseFlight();
        Duration elapsed = Duration.between(startedAt, engine.clock().instant());
        AwaitOutcome result = new AwaitOutcome(kind, ref, last, polls, errors, elapsed, code, detail);
        return () -> {
            LOG.log(Level.FINE, () -> "wait ended " + kind + ": " + detail);
            try {
                telemetry.ended(result);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "telemetry of the ended wait for " + ref + " failed", e);
            }
            outcome.complete(result);
        };
    }

    private void cancelStep() {
        if (stepTimer != null) {
            stepTimer.cancel(false);
            stepTimer = null;
        }
    }

    private void releaseFlight() {
        if (flight != null) {
            flight.leave();
            flight = null;
        }
    }

    // ---------------------------------------------------------------- progress

    private void notifyListener(ProgressEvent event) {
        try {
            telemetry.progressed(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "telemetry of a progress event for " + ref + " failed", e);
        }
        try {
            listener.onProgress(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "progress listener for " + ref + " failed", e);
        }
    }

    /** Whether {@code current} differs from {@code previous} in state, percent or steps. */
    static boolean changed(TaskStatus previous, TaskStatus current) {
        return previous == null
                || previous.state() != current.state()
                || !Objects.equals(previous.remoteState(), current.remoteState())
                || !Objects.equals(previous.percent(), current.percent())
                || !Objects.equals(previous.subTasksDone(), current.subTasksDone())
                || !previous.steps().equals(current.steps());
    }

    private static String describe(TaskStatus s) {
        return "last state " + (s.remoteState() != null ? s.remoteState() : s.state())
                + (s.percent() != null ? ", " + s.percent() + "%" : "");
    }
}
