package dev.cloudtask.internal;

import dev.cloudtask.AwaitOutcome;
import dev.cloudtask.CloudService;
import dev.cloudtask.ProgressEvent;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskStatus;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@link Telemetry} over the OpenTelemetry API. The only class of the library that names an
 * OpenTelemetry type; loaded only when an {@code OpenTelemetry} instance was given. The names,
 * units and attributes are the documented contract (the telemetry page lists them).
 */
final class OtelTelemetry implements Telemetry {
    /** The instrumentation scope of the meter and the tracer. */
    static final String SCOPE = "dev.cloudtask";

    static final AttributeKey<String> SERVICE = AttributeKey.stringKey("cloudtask.service");
    static final AttributeKey<String> POLL_RESULT = AttributeKey.stringKey("cloudtask.poll.result");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("cloudtask.outcome");
    static final AttributeKey<String> REFRESH_RESULT = AttributeKey.stringKey("cloudtask.credential.refresh.result");
    static final AttributeKey<String> TASK_ID = AttributeKey.stringKey("cloudtask.task.id");
    static final AttributeKey<Long> POLLS = AttributeKey.longKey("cloudtask.polls");
    static final AttributeKey<Long> ERRORS = AttributeKey.longKey("cloudtask.errors");
    static final AttributeKey<String> ERROR_CODE = AttributeKey.stringKey("cloudtask.error.code");
    static final AttributeKey<String> STATE = AttributeKey.stringKey("cloudtask.task.state");
    static final AttributeKey<String> REMOTE_STATE = AttributeKey.stringKey("cloudtask.task.remote_state");
    static final AttributeKey<Long> PERCENT = AttributeKey.longKey("cloudtask.task.percent");
    static final AttributeKey<String> PREDICTED_END = AttributeKey.stringKey("cloudtask.predicted_end");
    static final AttributeKey<Double> PREDICTED_END_SPREAD = AttributeKey.doubleKey("cloudtask.predicted_end.spread");

    private final Tracer tracer;
    private final LongUpDownCounter active;
    private final LongCounter polls;
    private final DoubleHistogram waitDuration;
    private final DoubleHistogram heldBack;
    private final LongCounter refreshes;
    private final Map<CloudService, Attributes> byService = new EnumMap<>(CloudService.class);

    private OtelTelemetry(OpenTelemetry otel) {
        Meter meter = otel.getMeter(SCOPE);
        tracer = otel.getTracer(SCOPE);
        active = meter.upDownCounterBuilder("cloudtask.waits.active").setUnit("{wait}")
                .setDescription("Waits for remote tasks in progress").build();
        polls = meter.counterBuilder("cloudtask.polls").setUnit("{poll}")
                .setDescription("Status requests of the waits, by result").build();
        // no bucket advice: servers ship older API versions without it (buckets are the SDK's or a view's)
        waitDuration = meter.histogramBuilder("cloudtask.wait.duration").setUnit("s")
                .setDescription("Duration of the ended waits, by outcome").build();
        heldBack = meter.histogramBuilder("cloudtask.ratelimit.wait").setUnit("s")
                .setDescription("Time status requests were held back by the client-side rate limiter").build();
        refreshes = meter.counterBuilder("cloudtask.credential.refreshes").setUnit("{refresh}")
                .setDescription("Credential refreshes after a 401, by result").build();
        for (CloudService s : CloudService.values()) {
            byService.put(s, Attributes.of(SERVICE, s.id()));
        }
    }

    /** The telemetry over {@code openTelemetry}, which must be an {@code io.opentelemetry.api.OpenTelemetry}. */
    static Telemetry over(Object openTelemetry) {
        if (!(openTelemetry instanceof OpenTelemetry otel)) {
            throw new IllegalArgumentException("openTelemetry '" + openTelemetry.getClass().getName()
                    + "' is not an " + OpenTelemetry.class.getName());
        }
        return new OtelTelemetry(otel);
    }

    @Override
    public Wait waitStarted(TaskRef ref, Instant at) {
        Attributes service = byService.get(ref.service());
        active.add(1, service);
        Span span = tracer.spanBuilder("cloudtask.wait")
                .setParent(Context.current())
                .setSpanKind(SpanKind.INTERNAL)
                .setStartTimestamp(at)
                .setAttribute(SERVICE, ref.service().id())
                .setAttribute(TASK_ID, ref.asString())
                .startSpan();
        return new OtelWait(ref, service, span, at);
    }

    @Override
    public void heldBack(TaskRef ref, long nanos) {
        heldBack.record(nanos / 1e9, byService.get(ref.service()));
    }

    private final class OtelWait implements Wait {
        private final TaskRef ref;
        private final Attributes service;
        private final Span span;
        private final Instant startedAt;

        OtelWait(TaskRef ref, Attributes service, Span span, Instant startedAt) {
            this.ref = ref;
            this.service = service;
            this.span = span;
            this.startedAt = startedAt;
        }

        @Override
        public void polled(PollResult result) {
            polls.add(1, service.toBuilder().put(POLL_RESULT, result.value()).build());
        }

        @Override
        public void progressed(ProgressEvent event) {
            TaskStatus s = event.current();
            AttributesBuilder a = Attributes.builder().put(STATE, s.state().name());
            if (s.remoteState() != null) {
                a.put(REMOTE_STATE, s.remoteState());
            }
            if (s.percent() != null) {
                a.put(PERCENT, s.percent().longValue());
            }
            if (event.predictedEnd() != null) {
                a.put(PREDICTED_END, event.predictedEnd().toString());
                a.put(PREDICTED_END_SPREAD, event.predictedEndSpread().toMillis() / 1000.0);
            }
            span.addEvent("cloudtask.progress", a.build(), event.at());
        }

        @Override
        public void credentialRefreshed(boolean fresh) {
            refreshes.add(1, service.toBuilder().put(REFRESH_RESULT, fresh ? "refreshed" : "failed").build());
        }

        @Override
        public void ended(AwaitOutcome outcome) {
            String kind = outcome.kind().name().toLowerCase(Locale.ROOT);
            active.add(-1, service);
            waitDuration.record(outcome.elapsed().toNanos() / 1e9, service.toBuilder().put(OUTCOME, kind).build());
            span.setAttribute(OUTCOME, kind);
            span.setAttribute(POLLS, (long) outcome.polls());
            span.setAttribute(ERRORS, (long) outcome.errors());
            if (outcome.errorCode() != null) {
                span.setAttribute(ERROR_CODE, outcome.errorCode());
            }
            switch (outcome.kind()) {
                case SUCCEEDED -> span.setStatus(StatusCode.OK);
                case STOPPED -> {
                    // neither success nor error: the job was stopped
                }
                default -> span.setStatus(StatusCode.ERROR, kind + " " + ref.asString());
            }
            Instant end = startedAt.plus(outcome.elapsed());
            span.end(end);
        }
    }
}
