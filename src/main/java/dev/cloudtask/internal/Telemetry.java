package dev.cloudtask.internal;

import dev.cloudtask.AwaitOutcome;
import dev.cloudtask.ProgressEvent;
import dev.cloudtask.TaskRef;
import java.time.Instant;
import java.util.logging.Level;

/**
 * What the engine reports to metrics and traces. The engine only talks to this interface; the
 * implementation over the OpenTelemetry API ({@link OtelTelemetry}) is loaded only when an
 * {@code OpenTelemetry} instance is given, so without the API on the class path no OpenTelemetry
 * class is ever loaded and {@link #NONE} costs one virtual call per report.
 */
interface Telemetry {

    /** Reports nothing. */
    Telemetry NONE = new Telemetry() {
        @Override
        public Wait waitStarted(TaskRef ref, Instant at) {
            return Wait.NONE;
        }

        @Override
        public void heldBack(TaskRef ref, long nanos) {
        }
    };

    /**
     * The telemetry over {@code openTelemetry} (an {@code io.opentelemetry.api.OpenTelemetry}), or
     * {@link #NONE} when it is null.
     */
    static Telemetry of(Object openTelemetry) {
        if (openTelemetry == null) {
            return NONE;
        }
        Telemetry otel;
        try {
            otel = OtelTelemetry.over(openTelemetry);
        } catch (LinkageError e) {
            SafeTelemetry.LOG.log(Level.WARNING, "the OpenTelemetry API on the class path does not fit this"
                    + " library; no metrics or traces: " + e);
            return NONE;
        }
        return new SafeTelemetry(otel);
    }

    /**
     * A wait starts at {@code at} (the engine's clock); called on the thread that starts it, so its span is a child of that thread's
     * current trace context.
     */
    Wait waitStarted(TaskRef ref, Instant at);

    /** A request for {@code ref} was held back {@code nanos} (0 = sent at once) by the rate limiter. */
    void heldBack(TaskRef ref, long nanos);

    /** How a status request ended, as the {@code cloudtask.poll.result} attribute says it. */
    enum PollResult {
        ANSWERED("answered"),
        THROTTLED("throttled"),
        TRANSIENT_ERROR("transient_error"),
        REJECTED("rejected");

        private final String value;

        PollResult(String value) {
            this.value = value;
        }

        String value() {
            return value;
        }
    }

    /** The reports of one wait. */
    interface Wait {
        /** Reports nothing. */
        Wait NONE = new Wait() {
            @Override
            public void polled(PollResult result) {
            }

            @Override
            public void progressed(ProgressEvent event) {
            }

            @Override
            public void credentialRefreshed(boolean fresh) {
            }

            @Override
            public void ended(AwaitOutcome outcome) {
            }
        };

        /** A status request of this wait ended with {@code result}. */
        void polled(PollResult result);

        /** The task changed state, percent or step. */
        void progressed(ProgressEvent event);

        /** After a 401 the source was asked for a fresh credential; {@code fresh} whether it got one. */
        void credentialRefreshed(boolean fresh);

        /** The wait ended (called once). */
        void ended(AwaitOutcome outcome);
    }
}
