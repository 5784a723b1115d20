package dev.cloudtask.testkit;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real scheduler on daemon threads whose delays are simulated time: a delay of {@code d} runs
 * after {@code d / factor} of real time, matching {@link #clock()} (an {@link AcceleratedClock}).
 * Give both to the polling engine and the clock to the simulator, and hours of remote time pass in
 * seconds while everything (HTTP, jbatch threads) runs on real threads.
 *
 * <p>Unlike {@link VirtualScheduler} nothing has to drive time; the price is that ordering between
 * the engine and other real threads is not deterministic, so tests assert outcomes and counts, not
 * exact instants.
 */
public final class AcceleratedScheduler extends ScheduledThreadPoolExecutor {
    private final AcceleratedClock clock;

    /** A scheduler with {@code threads} daemon threads in the time of {@code clock}. */
    public AcceleratedScheduler(AcceleratedClock clock, int threads) {
        super(threads, daemonThreads());
        this.clock = Objects.requireNonNull(clock, "clock");
        setRemoveOnCancelPolicy(true);
        setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "accelerated-scheduler-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The simulated time this scheduler's delays are measured in. */
    public Clock clock() {
        return clock;
    }

    /** How many simulated seconds pass per real second. */
    public double factor() {
        return clock.factor();
    }

    /** The real time that {@code simulated} takes. */
    public Duration real(Duration simulated) {
        return Duration.ofNanos(scale(simulated.toNanos(), TimeUnit.NANOSECONDS));
    }

    /** The simulated time that passes during {@code real}. */
    public Duration simulated(Duration real) {
        return Duration.ofNanos((long) Math.min(Long.MAX_VALUE, real.toNanos() * clock.factor()));
    }

    private long scale(long delay, TimeUnit unit) {
        long nanos = unit.toNanos(delay);
        return nanos <= 0 ? nanos : Math.max(1, (long) (nanos / clock.factor()));
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return super.schedule(command, scale(delay, unit), TimeUnit.NANOSECONDS);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return super.schedule(callable, scale(delay, unit), TimeUnit.NANOSECONDS);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return super.scheduleAtFixedRate(command, scale(initialDelay, unit), scale(period, unit), TimeUnit.NANOSECONDS);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return super.scheduleWithFixedDelay(command, scale(initialDelay, unit), scale(delay, unit),
                TimeUnit.NANOSECONDS);
    }
}
