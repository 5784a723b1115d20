package dev.cloudtask.reliability;

import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scheduler whose delays pass {@code factor} times faster than real time, to pair with an
 * {@link dev.cloudtask.testkit.AcceleratedClock} of the same factor: the engine plans "poll in 60 s"
 * and it runs one real second later at factor 60. Daemon threads named {@code accelerated-N}.
 */
final class AcceleratedScheduler extends ScheduledThreadPoolExecutor {
    private final double factor;

    AcceleratedScheduler(int threads, double factor) {
        super(threads, daemonThreads());
        if (!(factor > 0)) {
            throw new IllegalArgumentException("factor '" + factor + "' must be > 0");
        }
        this.factor = factor;
        setRemoveOnCancelPolicy(true);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "accelerated-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private long scaled(long delay, TimeUnit unit) {
        return (long) (unit.toNanos(delay) / factor);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return super.schedule(command, scaled(delay, unit), TimeUnit.NANOSECONDS);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return super.schedule(callable, scaled(delay, unit), TimeUnit.NANOSECONDS);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return super.scheduleAtFixedRate(command, scaled(initialDelay, unit), Math.max(1, scaled(period, unit)),
                TimeUnit.NANOSECONDS);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return super.scheduleWithFixedDelay(command, scaled(initialDelay, unit), Math.max(1, scaled(delay, unit)),
                TimeUnit.NANOSECONDS);
    }
}
