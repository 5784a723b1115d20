package dev.cloudtask.batch;

import dev.cloudtask.AwaitHandle;
import dev.cloudtask.AwaitOutcome;
import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.CloudTaskAwaiter;
import dev.cloudtask.ProgressEvent;
import dev.cloudtask.ProgressListener;
import dev.cloudtask.TaskRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * One step's wait for one or more tasks, run on the step's own thread.
 *
 * <p>The waits themselves run on the awaiter's scheduler; their progress events and outcomes are
 * relayed to the step thread through a queue, so progress is logged and CDI observers are called
 * on the batch thread, in order. {@link #stop()} may be called from any thread and stops every
 * wait at once.
 */
final class StepWait {
    private final CloudTaskAwaiter awaiter;
    private final ProgressListener progress;
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final List<AwaitHandle> handles = new CopyOnWriteArrayList<>();
    private volatile boolean stopRequested;
    private boolean interrupted;

    private record Ended(int index, AwaitOutcome outcome) {
    }

    /**
     * @param awaiter the shared awaiter
     * @param progress called on the step thread for each progress event
     */
    StepWait(CloudTaskAwaiter awaiter, ProgressListener progress) {
        this.awaiter = awaiter;
        this.progress = progress;
    }

    /** Whether {@link #stop()} was called. */
    boolean stopRequested() {
        return stopRequested;
    }

    /** Stops every wait of this step at once; idempotent, callable from any thread. */
    void stop() {
        stopRequested = true;
        handles.forEach(AwaitHandle::stop);
    }

    /**
     * Waits for {@code refs} and returns the outcome that decides the step (see {@link FanIn}).
     *
     * @param policy the policy of each task's wait
     * @param externalStop checked every {@code probe} while waiting; when it returns true the wait
     *     is stopped (for artifacts without a {@code stop()} callback), or null
     * @param probe how often to check {@code externalStop}
     */
    AwaitOutcome run(List<TaskRef> refs, Instant submittedAt, Function<TaskRef, AwaitPolicy> policy, FanIn mode,
            BooleanSupplier externalStop, Duration probe) {
        for (int i = 0; i < refs.size(); i++) {
            int index = i;
            AwaitHandle handle = awaiter.start(refs.get(i), submittedAt, policy.apply(refs.get(i)),
                    inbox::add);
            handles.add(handle);
            handle.outcome().whenComplete((o, t) -> inbox.add(new Ended(index, o != null ? o
                    : new AwaitOutcome(AwaitOutcome.Kind.ERROR, refs.get(index), null, 0, 0,
                            Duration.ZERO, null, String.valueOf(t)))));
            if (stopRequested) {
                handle.stop();
            }
        }
        AwaitOutcome[] ended = new AwaitOutcome[refs.size()];
        int count = 0;
        while (true) {
            Object msg = next(externalStop, probe);
            if (msg instanceof ProgressEvent event) {
                progress.onProgress(event);
                continue;
            }
            if (!(msg instanceof Ended end)) {
                continue;
            }
            ended[end.index()] = end.outcome();
            count++;
            AwaitOutcome decided = decide(end.outcome(), ended, count, mode);
            if (decided != null) {
                stopOthers();
                drainProgress();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                return decided;
            }
        }
    }

    private Object next(BooleanSupplier externalStop, Duration probe) {
        try {
            if (externalStop == null) {
                return inbox.take();
            }
            Object msg = inbox.poll(probe.toMillis(), TimeUnit.MILLISECONDS);
            if (msg == null && !stopRequested && externalStop.getAsBoolean()) {
                stop();
            }
            return msg;
        } catch (InterruptedException e) {
            interrupted = true; // restored when run returns; an interrupt stops the wait
            stop();
            return null;
        }
    }

    private static AwaitOutcome decide(AwaitOutcome latest, AwaitOutcome[] ended, int count, FanIn mode) {
        if (latest.kind() == AwaitOutcome.Kind.STOPPED) {
            return latest;
        }
        boolean success = latest.kind() == AwaitOutcome.Kind.SUCCEEDED;
        if (mode == FanIn.ALL && !success || mode == FanIn.ANY && success) {
            return latest;
        }
        if (count < ended.length) {
            return null;
        }
        return mode == FanIn.ALL ? latest : ended[0];
    }

    private void stopOthers() {
        handles.forEach(AwaitHandle::stop);
    }

    private void drainProgress() {
        List<Object> rest = new ArrayList<>();
        inbox.drainTo(rest);
        for (Object msg : rest) {
            if (msg instanceof ProgressEvent event) {
                progress.onProgress(event);
            }
        }
    }
}
