package dev.cloudtask.bench;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wraps a real scheduler and records the largest delay between the time a task was due and the
 * time it started (how far the engine's timers fall behind under load).
 */
final class MeasuringScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final ScheduledExecutorService delegate;
    private final AtomicLong maxLateNanos = new AtomicLong();
    private final AtomicLong tasks = new AtomicLong();

    MeasuringScheduler(ScheduledExecutorService delegate) {
        this.delegate = delegate;
    }

    long maxLateNanos() {
        return maxLateNanos.get();
    }

    long tasks() {
        return tasks.get();
    }

    private Runnable measured(Runnable r, long delayNanos) {
        long due = System.nanoTime() + Math.max(0, delayNanos);
        return () -> {
            long late = System.nanoTime() - due;
            maxLateNanos.accumulateAndGet(late, Math::max);
            tasks.incrementAndGet();
            r.run();
        };
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return delegate.schedule(measured(command, unit.toNanos(delay)), delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return delegate.schedule(callable, delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return delegate.scheduleAtFixedRate(command, initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return delegate.scheduleWithFixedDelay(command, initialDelay, delay, unit);
    }

    @Override
    public void execute(Runnable command) {
        delegate.execute(measured(command, 0));
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return delegate.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return delegate.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return delegate.awaitTermination(timeout, unit);
    }
}
