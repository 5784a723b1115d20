package dev.cloudtask.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A {@link ScheduledExecutorService} in virtual time, held by a {@link VirtualClock} that reads the same time.
 *
 * <p>Nothing runs until the test moves time: {@link #advance(Duration)} runs every task due in the
 * window in time order (ties in submission order), setting the clock to each task's time as it
 * runs; {@link #runDue()} runs what is due now. Tasks run on the calling thread. Other threads may
 * submit tasks (they are queued); only one thread should move time. Real calls made from virtual
 * time (a simulator over HTTP) are wrapped with {@link #track}, so time waits for them.
 */
public final class VirtualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final PriorityQueue<Job<?>> queue = new PriorityQueue<>();
    private final VirtualClock time;
    private long sequence;
    private long executed;
    /** Horizons of the tracked outside calls still pending: time may run up to the earliest. */
    private final PriorityQueue<Instant> horizons = new PriorityQueue<>();
    private long arrivals;
    private boolean shutdown;

    /**
     * Virtual time kept in {@code time}: moving this scheduler moves the clock, so a simulator built
     * on the same clock reads the same time. Move time through the scheduler, not the clock, so that
     * due tasks run.
     */
    public VirtualScheduler(VirtualClock time) {
        this.time = Objects.requireNonNull(time, "time");
    }

    /** Virtual time starting at {@code start}. */
    public VirtualScheduler(Instant start) {
        this(VirtualClock.at(start));
    }

    /** Virtual time starting at 2026-01-01T00:00:00Z. */
    public VirtualScheduler() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** The virtual time now. */
    public Instant now() {
        return time.instant();
    }

    /** The clock that reads (and holds) this scheduler's virtual time. */
    public VirtualClock clock() {
        return time;
    }

    /** How many tasks have run so far. */
    public synchronized long executedTasks() {
        return executed;
    }

    /** How many tasks are queued (cancelled ones included until their time comes). */
    public synchronized int queuedTasks() {
        return queue.size();
    }

    /** Runs every task due at the current virtual time (and tasks they submit for now). */
    public void runDue() {
        advanceTo(now());
    }

    /** Moves virtual time forward by {@code d}, running every task due on the way. */
    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("duration '" + d + "' must not be negative");
        }
        advanceTo(now().plus(d));
    }

    /** Moves virtual time to {@code target}, running every task due on the way. */
    public void advanceTo(Instant target) {
        while (true) {
            Job<?> job;
            synchronized (this) {
                job = queue.peek();
                Instant horizon = horizons.peek();
                if (horizon != null && (job == null || job.at.isAfter(horizon))) {
                    awaitExternal();
                    continue;
                }
                if (job == null || job.at.isAfter(target)) {
                    break;
                }
                queue.poll();
                if (job.isCancelled()) {
                    continue;
                }
                if (job.at.isAfter(now())) {
                    time.set(job.at);
                }
                executed++;
            }
            job.run();
        }
        synchronized (this) {
            if (target.isAfter(now())) {
                time.set(target);
            }
        }
    }

    /**
     * Runs tasks in time order until {@code done} holds or virtual time would pass {@code limit}
     * from now.
     *
     * @return whether {@code done} holds
     */
    public boolean runUntil(BooleanSupplier done, Duration limit) {
        Instant end = now().plus(limit);
        while (!done.getAsBoolean()) {
            Instant next;
            synchronized (this) {
                Job<?> head = queue.peek();
                while (head != null && head.isCancelled()) {
                    queue.poll();
                    head = queue.peek();
                }
                if (head == null || head.at.isAfter(end)) {
                    advanceTo(end);
                    return done.getAsBoolean();
                }
                next = head.at;
            }
            advanceTo(next);
        }
        return true;
    }

    /**
     * Brings work done outside virtual time (a real HTTP call) into it: time does not move while
     * {@code outside} is pending, and its result is delivered by a task at the virtual time it
     * arrived. Cancelling the returned stage cancels {@code outside}. Same as
     * {@code track(outside, Duration.ZERO)}.
     */
    public <T> CompletionStage<T> track(CompletionStage<T> outside) {
        return track(outside, Duration.ZERO);
    }

    /**
     * Brings an outside call into virtual time as if it took {@code latency} of virtual time: its
     * result is delivered by a task at exactly {@code now + latency}. Virtual time keeps running
     * (other tasks run) up to that horizon while the call is pending and stops there until it
     * completes, so calls made at nearby virtual times are in flight together instead of one after
     * the other. Cancelling the returned stage cancels {@code outside}.
     *
     * @param latency the virtual duration of the call, not negative
     */
    public <T> CompletionStage<T> track(CompletionStage<T> outside, Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency '" + latency + "' must not be negative");
        }
        Instant horizon;
        synchronized (this) {
            horizon = now().plus(latency);
            horizons.add(horizon);
        }
        CompletableFuture<T> inside = new CompletableFuture<>();
        inside.whenComplete((v, e) -> {
            if (inside.isCancelled()) {
                outside.toCompletableFuture().cancel(true);
            }
        });
        outside.whenComplete((v, e) -> {
            synchronized (this) {
                long delay = Math.max(0, Duration.between(now(), horizon).toNanos());
                queue.add(new Job<>(() -> {
                    if (e != null) {
                        inside.completeExceptionally(e);
                    } else {
                        inside.complete(v);
                    }
                    return null;
                }, delay, 0));
                horizons.remove(horizon);
                arrivals++;
                notifyAll();
            }
        });
        return inside;
    }

    /** Waits (real time) until a tracked outside call completes; called holding the lock. */
    private void awaitExternal() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long seen = arrivals;
        try {
            while (!horizons.isEmpty() && arrivals == seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException(horizons.size() + " tracked outside calls did not complete within 60s");
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for tracked outside calls", e);
        }
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return enqueue(new Job<>(() -> {
            command.run();
            return null;
        }, unit.toNanos(delay), 0));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return enqueue(new Job<>(callable, unit.toNanos(delay), 0));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return enqueue(new Job<>(() -> {
            command.run();
            return null;
        }, unit.toNanos(initialDelay), unit.toNanos(period)));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return scheduleAtFixedRate(command, initialDelay, delay, unit);
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    private synchronized <V> Job<V> enqueue(Job<V> job) {
        if (shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("the virtual scheduler is shut down");
        }
        queue.add(job);
        return job;
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> pending = new ArrayList<>(queue);
        queue.clear();
        return pending;
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isShutdown();
    }

    private final class Job<V> implements ScheduledFuture<V>, Runnable {
        private final Callable<V> body;
        private final long periodNanos;
        private final long seq;
        private Instant at;
        private volatile int state; // 0 pending, 1 done, 2 cancelled, 3 failed
        private V value;
        private Throwable failure;

        Job(Callable<V> body, long delayNanos, long periodNanos) {
            this.body = body;
            this.periodNanos = periodNanos;
            synchronized (VirtualScheduler.this) {
                this.seq = sequence++;
                this.at = now().plusNanos(Math.max(0, delayNanos));
            }
        }

        @Override
        public void run() {
            if (state != 0) {
                return;
            }
            try {
                V v = body.call();
                if (periodNanos > 0) {
                    synchronized (VirtualScheduler.this) {
                        at = at.plusNanos(periodNanos);
                        if (!shutdown && state == 0) {
                            queue.add(this);
                        }
                    }
                    return;
                }
                value = v;
                state = 1;
            } catch (Throwable t) {
                failure = t;
                state = 3;
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(now(), at).toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            Job<?> other = (Job<?>) o;
            int c = at.compareTo(other.at);
            return c != 0 ? c : Long.compare(seq, other.seq);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (state != 0) {
                return false;
            }
            state = 2;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return state == 2;
        }

        @Override
        public boolean isDone() {
            return state != 0;
        }

        @Override
        public V get() throws ExecutionException {
            if (state == 0) {
                throw new IllegalStateException("virtual task not run yet: advance the virtual scheduler");
            }
            if (state == 2) {
                throw new CancellationException();
            }
            if (state == 3) {
                throw new ExecutionException(failure);
            }
            return value;
        }

        @Override
        public V get(long timeout, TimeUnit unit) throws ExecutionException {
            return get();
        }
    }
}
