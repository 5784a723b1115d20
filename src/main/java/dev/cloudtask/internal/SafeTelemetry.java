package dev.cloudtask.internal;

import dev.cloudtask.AwaitOutcome;
import dev.cloudtask.ProgressEvent;
import dev.cloudtask.TaskRef;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps telemetry from ever disturbing a wait: every report that throws (a failing exporter, an
 * OpenTelemetry API older than the one compiled against) is swallowed; the first failure is logged
 * at WARNING and turns all further reports off.
 */
final class SafeTelemetry implements Telemetry {
    static final Logger LOG = Logger.getLogger(Telemetry.class.getName());

    private final Telemetry delegate;
    private final AtomicBoolean broken = new AtomicBoolean();

    SafeTelemetry(Telemetry delegate) {
        this.delegate = delegate;
    }

    /** Whether a report failed and the reports are off. */
    boolean broken() {
        return broken.get();
    }

    private void failed(Throwable t) {
        if (broken.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "metrics and traces are off: reporting to OpenTelemetry failed", t);
        }
    }

    @Override
    public Wait waitStarted(TaskRef ref, Instant at) {
        if (broken.get()) {
            return Wait.NONE;
        }
        Wait w;
        try {
            w = delegate.waitStarted(ref, at);
        } catch (RuntimeException | LinkageError e) {
            failed(e);
            return Wait.NONE;
        }
        return new SafeWait(w);
    }

    @Override
    public void heldBack(TaskRef ref, long nanos) {
        if (!broken.get()) {
            try {
                delegate.heldBack(ref, nanos);
            } catch (RuntimeException | LinkageError e) {
                failed(e);
            }
        }
    }

    private final class SafeWait implements Wait {
        private final Wait wait;

        SafeWait(Wait wait) {
            this.wait = wait;
        }

        private void run(Runnable report) {
            if (!broken.get()) {
                try {
                    report.run();
                } catch (RuntimeException | LinkageError e) {
                    failed(e);
                }
            }
        }

        @Override
        public void polled(PollResult result) {
            run(() -> wait.polled(result));
        }

        @Override
        public void progressed(ProgressEvent event) {
            run(() -> wait.progressed(event));
        }

        @Override
        public void credentialRefreshed(boolean fresh) {
            run(() -> wait.credentialRefreshed(fresh));
        }

        @Override
        public void ended(AwaitOutcome outcome) {
            run(() -> wait.ended(outcome));
        }
    }
}
