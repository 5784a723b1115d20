package dev.cloudtask.internal;

import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.TaskStatusSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiConsumer;

/**
 * Makes identical task references share one request: while a fetch for a reference is in flight,
 * every other wait for the same reference joins it instead of sending its own.
 *
 * <p>A fetch is abandoned (and its stage cancelled, which a client may use to abort the call)
 * when the last wait that joined it lets go, for example because it was stopped.
 */
final class SharedFetches {
    private final TaskStatusSource source;
    private final BiConsumer<TaskRef, TaskStatus> answered;
    private final ConcurrentMap<TaskRef, Flight> inFlight = new ConcurrentHashMap<>();

    /**
     * @param source where requests go
     * @param answered told of every status answer as it arrives (before the waits process it)
     */
    SharedFetches(TaskStatusSource source, BiConsumer<TaskRef, TaskStatus> answered) {
        this.source = source;
        this.answered = answered;
    }

    /** One request in flight and the waits that joined it. */
    final class Flight {
        private final TaskRef ref;
        private final CompletableFuture<TaskStatus> result = new CompletableFuture<>();
        private CompletionStage<TaskStatus> call;
        private int members;

        private Flight(TaskRef ref) {
            this.ref = ref;
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
                    inFlight.remove(ref, this);
                    toCancel = call;
                    result.cancel(false);
                }
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
    }

    /** Joins the request in flight for {@code ref}, or returns null when there is none. */
    Flight joinInFlight(TaskRef ref) {
        Flight f = inFlight.get(ref);
        return f != null && f.join() ? f : null;
    }

    /** Joins the request in flight for {@code ref}, or sends a new one. */
    Flight joinOrFetch(TaskRef ref) {
        while (true) {
            Flight existing = joinInFlight(ref);
            if (existing != null) {
                return existing;
            }
            Flight fresh = new Flight(ref);
            fresh.members = 1;
            if (inFlight.putIfAbsent(ref, fresh) == null) {
                send(fresh);
                return fresh;
            }
        }
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
            inFlight.remove(flight.ref, flight);
            if (failure != null) {
                flight.result.completeExceptionally(failure);
            } else {
                if (status != null) {
                    answered.accept(flight.ref, status);
                }
                flight.result.complete(status);
            }
        });
    }
}
