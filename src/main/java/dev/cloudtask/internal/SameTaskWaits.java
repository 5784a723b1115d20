package dev.cloudtask.internal;

import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.TaskStatusSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Makes the waits for one task reference share their polls, in one entry per task that lives while
 * a wait for it runs:
 * <ul>
 * <li>while a request for the task is in flight, another wait that polls joins it
 *     ({@link #joinInFlight}, {@link #joinOrFetch}) instead of sending its own; the request is
 *     abandoned (its stage cancelled, which a client may use to abort the call) when the last wait
 *     that joined it lets go;</li>
 * <li>a wait that plans a poll moves it <em>earlier</em> onto a poll another wait for the same
 *     task has already planned, when that is at most half of its own delay sooner (never later, so
 *     no wait detects an end later than it would alone) ({@link #align});</li>
 * <li>an answer younger than {@link #RECENT} is given to a wait that polls the same task instead
 *     of a new request ({@link #recentAnswer}).</li>
 * </ul>
 * A task with a single wait keeps no answers; the entry of a task goes when its last wait ends.
 */
final class SameTaskWaits {
    /** How old an answer may be to serve another wait for the same task. */
    static final Duration RECENT = Duration.ofSeconds(1);

    private final TaskStatusSource source;
    private final Clock clock;
    private final ConcurrentMap<TaskRef, Slot> slots = new ConcurrentHashMap<>();

    /**
     * @param source where requests go
     * @param clock dates the answers kept for other waits
     */
    SameTaskWaits(TaskStatusSource source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    /** The waits for one task, the polls they have planned, the latest answer and the request in flight. */
    private static final class Slot {
        // all guarded by this slot
        int waits;
        final List<Instant> planned = new ArrayList<>(2);
        TaskStatus answer;
        Instant answeredAt;
        Flight flight;
    }

    /** One request in flight and the waits that joined it. */
    final class Flight {
        private final TaskRef ref;
        private final Slot slot;
        private final CompletableFuture<TaskStatus> result = new CompletableFuture<>();
        private CompletionStage<TaskStatus> call;
        private int members = 1;

        private Flight(TaskRef ref, Slot slot) {
            this.ref = ref;
            this.slot = slot;
        }

        /** Completes with the answer (or the failure) of the shared request. */
        CompletableFuture<TaskStatus> result() {
            return result;
        }

        /** Lets go of the request; the last member to leave an unfinished request cancels it. */
        void leave() {
            CompletionStage<TaskStatus> toCancel = null;
            synchronized (this) {
                members--;
                if (members == 0 && !result.isDone()) {
                    toCancel = call;
                    result.cancel(false);
                }
            }
            if (result.isCancelled()) {
                forget();
            }
            if (toCancel != null) {
                try {
                    toCancel.toCompletableFuture().cancel(true);
                } catch (UnsupportedOperationException ignored) {
                    // a stage that cannot be cancelled is simply abandoned
                }
            }
        }

        private boolean join() {
            synchronized (this) {
                if (members == 0 && result.isDone() || result.isCancelled()) {
                    return false;
                }
                members++;
                return true;
            }
        }

        /** No later wait joins this request. */
        private void forget() {
            if (slot != null) {
                synchronized (slot) {
                    if (slot.flight == this) {
                        slot.flight = null;
                    }
                }
            }
        }
    }

    /** A wait for {@code ref} begins. */
    void join(TaskRef ref) {
        slots.compute(ref, (r, s) -> {
            Slot slot = s == null ? new Slot() : s;
            synchronized (slot) {
                slot.waits++;
            }
            return slot;
        });
    }

    /** A wait for {@code ref} ended. */
    void leave(TaskRef ref) {
        slots.computeIfPresent(ref, (r, s) -> {
            synchronized (s) {
                return --s.waits <= 0 ? null : s;
            }
        });
    }

    /** Joins the request in flight for {@code ref}, or returns null when there is none. */
    Flight joinInFlight(TaskRef ref) {
        Slot s = slots.get(ref);
        if (s == null) {
            return null;
        }
        Flight f;
        synchronized (s) {
            f = s.flight;
        }
        return f != null && f.join() ? f : null;
    }

    /** Joins the request in flight for {@code ref}, or sends a new one. */
    Flight joinOrFetch(TaskRef ref) {
        Slot s = slots.get(ref);
        Flight fresh = new Flight(ref, s);
        if (s != null) {
            synchronized (s) {
                Flight existing = s.flight;
                if (existing != null && existing.join()) {
                    return existing;
                }
                s.flight = fresh;
            }
        }
        send(fresh);
        return fresh;
    }

    private void send(Flight flight) {
        CompletionStage<TaskStatus> call;
        try {
            call = source.fetch(flight.ref);
            if (call == null) {
                throw new IllegalStateException("TaskStatusSource.fetch returned null for " + flight.ref);
            }
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        synchronized (flight) {
            flight.call = call;
        }
        call.whenComplete((status, failure) -> {
            flight.forget();
            if (failure != null) {
                flight.result.completeExceptionally(failure);
            } else {
                if (status != null && flight.slot != null) {
                    answered(flight.slot, clock.instant(), status);
                }
                flight.result.complete(status);
            }
        });
    }

    /**
     * When to poll {@code ref}: {@code planned}, or the latest poll another wait for the same task
     * has planned between half of the wait's own delay before {@code planned} and {@code planned}.
     */
    Instant align(TaskRef ref, Instant now, Instant planned) {
        Slot s = slots.get(ref);
        if (s == null) {
            return planned;
        }
        synchronized (s) {
            s.planned.removeIf(p -> !p.isAfter(now));
            Instant earliest = now.plus(Duration.between(now, planned).dividedBy(2));
            Instant best = null;
            for (Instant p : s.planned) {
                if (!p.isBefore(earliest) && !p.isAfter(planned) && (best == null || p.isAfter(best))) {
                    best = p;
                }
            }
            if (best != null && s.waits >= 2) {
                return best;
            }
            s.planned.add(planned);
            return planned;
        }
    }

    /** Keeps an answer for the other waits of the same task (only when there are some). */
    private static void answered(Slot s, Instant at, TaskStatus status) {
        synchronized (s) {
            if (s.waits >= 2) {
                s.answer = status;
                s.answeredAt = at;
            }
        }
    }

    /**
     * An answer for {@code ref} younger than {@link #RECENT} and newer than {@code after} (the
     * asking wait's own latest answer, or null), or null.
     */
    TaskStatus recentAnswer(TaskRef ref, Instant now, Instant after) {
        Slot s = slots.get(ref);
        if (s == null) {
            return null;
        }
        synchronized (s) {
            if (s.waits < 2 || s.answer == null || Duration.between(s.answeredAt, now).compareTo(RECENT) >= 0
                    || after != null && !s.answeredAt.isAfter(after)) {
                return null;
            }
            return s.answer;
        }
    }
}
