package dev.cloudtask.internal;

import static dev.cloudtask.testkit.ScriptedSource.failed;
import static dev.cloudtask.testkit.ScriptedSource.http;
import static dev.cloudtask.testkit.ScriptedSource.running;
import static dev.cloudtask.testkit.ScriptedSource.succeeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.AwaitHandle;
import dev.cloudtask.AwaitOutcome;
import dev.cloudtask.CloudTaskAwaiter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The documented metrics and the span of a wait, read back from the OpenTelemetry SDK's in-memory
 * reader and exporter, for success, failure, throttling, errors and stop.
 */
class OpenTelemetryTest {
    private static final Attributes DCS = Attributes.of(AttributeKey.stringKey("cloudtask.service"), "dcs");

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .build();
    private final EngineFixture f = new EngineFixture(b -> b.openTelemetry(otel));

    @AfterEach
    void close() {
        f.engine.close();
        otel.close();
    }

    @Test
    void success_spanWithEventPerChange_andEveryMetric() {
        f.source.then(running(0)).then(running(0)).then(running(50)).then(succeeded());
        AwaitHandle h = f.start(EngineFixture.POLICY);
        assertEquals(1, longSum("cloudtask.waits.active", DCS), "one wait in progress");
        AwaitOutcome o = f.finish(h);
        assertEquals(AwaitOutcome.Kind.SUCCEEDED, o.kind());

        SpanData span = onlySpan();
        assertEquals("cloudtask.wait", span.getName());
        assertEquals("dcs", span.getAttributes().get(AttributeKey.stringKey("cloudtask.service")));
        assertEquals("dcs/proj1/inst1/task1", span.getAttributes().get(AttributeKey.stringKey("cloudtask.task.id")));
        assertEquals("succeeded", span.getAttributes().get(AttributeKey.stringKey("cloudtask.outcome")));
        assertEquals(4L, span.getAttributes().get(AttributeKey.longKey("cloudtask.polls")));
        assertEquals(StatusCode.OK, span.getStatus().getStatusCode());
        assertEquals(o.elapsed().toNanos(), span.getEndEpochNanos() - span.getStartEpochNanos(),
                "the span lasts as long as the wait, in the engine's time");
        List<EventData> events = span.getEvents();
        assertEquals(List.of("RUNNING", "RUNNING", "SUCCEEDED"), events.stream()
                .map(e -> e.getAttributes().get(AttributeKey.stringKey("cloudtask.task.state"))).toList(),
                "one event per change; the repeated 0% is no change");
        assertTrue(events.stream().allMatch(e -> e.getName().equals("cloudtask.progress")));
        assertEquals(50L, events.get(1).getAttributes().get(AttributeKey.longKey("cloudtask.task.percent")));
        assertEquals(f.events.get(1).at().toEpochMilli() * 1_000_000L, events.get(1).getEpochNanos());

        assertEquals(0, longSum("cloudtask.waits.active", DCS), "no wait in progress after the end");
        assertEquals(4, longSum("cloudtask.polls", with(DCS, "cloudtask.poll.result", "answered")));
        HistogramPointData duration = histogram("cloudtask.wait.duration", with(DCS, "cloudtask.outcome", "succeeded"));
        assertEquals(1, duration.getCount());
        assertEquals(o.elapsed().toMillis() / 1000.0, duration.getSum(), 1e-6);
        HistogramPointData heldBack = histogram("cloudtask.ratelimit.wait", DCS);
        assertEquals(4, heldBack.getCount(), "every request passes the rate limiter once");
        assertEquals("s", metric("cloudtask.wait.duration").getUnit());
        assertEquals("s", metric("cloudtask.ratelimit.wait").getUnit());
    }

    @Test
    void spanIsChildOfTheStartingThreadsContext() {
        f.source.then(succeeded());
        Span parent = otel.getTracer("test").spanBuilder("batch step").startSpan();
        AwaitHandle h;
        try (Scope ignored = parent.makeCurrent()) {
            h = f.start(EngineFixture.POLICY);
        }
        f.finish(h);
        parent.end();
        SpanData wait = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("cloudtask.wait"))
                .findFirst().orElseThrow();
        assertEquals(parent.getSpanContext().getTraceId(), wait.getTraceId());
        assertEquals(parent.getSpanContext().getSpanId(), wait.getParentSpanId());
    }

    @Test
    void failure_outcomeFailed_errorStatusAndCode() {
        f.source.then(running(10)).then(failed("DCS.4001", "disk full"));
        f.finish(f.start(EngineFixture.POLICY));
        SpanData span = onlySpan();
        assertEquals("failed", span.getAttributes().get(AttributeKey.stringKey("cloudtask.outcome")));
        assertEquals("DCS.4001", span.getAttributes().get(AttributeKey.stringKey("cloudtask.error.code")));
        assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
        assertEquals("FAILED", span.getEvents().get(1).getAttributes().get(AttributeKey.stringKey("cloudtask.task.state")));
        assertEquals(1, histogram("cloudtask.wait.duration", with(DCS, "cloudtask.outcome", "failed")).getCount());
        assertEquals(0, longSum("cloudtask.waits.active", DCS));
    }

    @Test
    void throttling_countedAsThrottled() {
        f.source.thenFail(http(429, Duration.ofSeconds(7))).then(succeeded());
        AwaitOutcome o = f.finish(f.start(EngineFixture.POLICY));
        assertEquals(AwaitOutcome.Kind.SUCCEEDED, o.kind());
        assertEquals(1, longSum("cloudtask.polls", with(DCS, "cloudtask.poll.result", "throttled")));
        assertEquals(1, longSum("cloudtask.polls", with(DCS, "cloudtask.poll.result", "answered")));
        assertEquals(2, histogram("cloudtask.ratelimit.wait", DCS).getCount());
    }

    @Test
    void rateLimiter_timeHeldBackRecorded() {
        EngineFixture slow = new EngineFixture(b -> b.openTelemetry(otel).rateLimit(0.1, 1));
        slow.source.then(succeeded());
        AwaitHandle a = slow.start(dev.cloudtask.TaskRef.dcs("proj1", "inst1", "a"), EngineFixture.POLICY);
        AwaitHandle b = slow.start(dev.cloudtask.TaskRef.dcs("proj1", "inst1", "b"), EngineFixture.POLICY);
        slow.finish(a);
        slow.finish(b);
        slow.engine.close();
        HistogramPointData heldBack = histogram("cloudtask.ratelimit.wait", DCS);
        assertEquals(2, heldBack.getCount());
        assertEquals(0.0, heldBack.getMin(), "the first request goes at once");
        assertEquals(10.0, heldBack.getMax(), 1e-9, "the second waits one period of 0.1 requests/s");
    }

    @Test
    void transientErrorAndRejection_countedByResult_andCredentialRefresh() {
        f.source.refreshAnswers(true).thenHttp(503).thenHttp(401).then(succeeded());
        AwaitOutcome o = f.finish(f.start(EngineFixture.POLICY));
        assertEquals(AwaitOutcome.Kind.SUCCEEDED, o.kind());
        assertEquals(1, longSum("cloudtask.polls", with(DCS, "cloudtask.poll.result", "transient_error")));
        assertEquals(1, longSum("cloudtask.polls", with(DCS, "cloudtask.poll.result", "rejected")));
        assertEquals(1, longSum("cloudtask.credential.refreshes",
                with(DCS, "cloudtask.credential.refresh.result", "refreshed")));
    }

    @Test
    void refreshWithoutFreshCredential_countedFailed_waitEndsError() {
        f.source.refreshAnswers(false).thenHttp(401);
        AwaitOutcome o = f.finish(f.start(EngineFixture.POLICY));
        assertEquals(AwaitOutcome.Kind.ERROR, o.kind());
        assertEquals(1, longSum("cloudtask.credential.refreshes",
                with(DCS, "cloudtask.credential.refresh.result", "failed")));
        assertEquals("error", onlySpan().getAttributes().get(AttributeKey.stringKey("cloudtask.outcome")));
        assertEquals(1, histogram("cloudtask.wait.duration", with(DCS, "cloudtask.outcome", "error")).getCount());
    }

    @Test
    void stop_outcomeStopped_spanEndedWithoutErrorStatus() {
        f.source.then(running(20));
        AwaitHandle h = f.start(EngineFixture.POLICY);
        f.time.advance(Duration.ofSeconds(30));
        h.stop();
        AwaitOutcome o = f.finish(h);
        assertEquals(AwaitOutcome.Kind.STOPPED, o.kind());
        SpanData span = onlySpan();
        assertEquals("stopped", span.getAttributes().get(AttributeKey.stringKey("cloudtask.outcome")));
        assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
        assertEquals(1, histogram("cloudtask.wait.duration", with(DCS, "cloudtask.outcome", "stopped")).getCount());
        assertEquals(0, longSum("cloudtask.waits.active", DCS));
    }

    @Test
    void predictionOnTheSpanEvent_oncePredicted() {
        f.source.then(running(0)).then(running(10)).then(running(20)).then(running(30)).then(succeeded());
        f.finish(f.start(EngineFixture.POLICY.withMaxInterval(Duration.ofSeconds(200))));
        List<EventData> events = onlySpan().getEvents();
        assertNull(events.get(0).getAttributes().get(AttributeKey.stringKey("cloudtask.predicted_end")));
        assertNotNull(f.events.get(3).predictedEnd(), "the engine predicts after two changes");
        assertEquals(f.events.get(3).predictedEnd().toString(),
                events.get(3).getAttributes().get(AttributeKey.stringKey("cloudtask.predicted_end")));
        assertEquals(f.events.get(3).predictedEndSpread().toMillis() / 1000.0,
                events.get(3).getAttributes().get(AttributeKey.doubleKey("cloudtask.predicted_end.spread")), 1e-9);
    }

    @Test
    void builderRejectsNull() {
        assertThrows(NullPointerException.class, () -> CloudTaskAwaiter.builder(f.source).openTelemetry(null));
    }

    @Test
    void otherOpenTelemetryFactoryInputRejectedNamingTheType() {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> Telemetry.of("not otel"));
        assertTrue(x.getMessage().contains("java.lang.String"), x.getMessage());
        assertTrue(x.getMessage().contains("io.opentelemetry.api.OpenTelemetry"), x.getMessage());
    }

    // ------------------------------------------------------------------ reading back

    private SpanData onlySpan() {
        List<SpanData> finished = spans.getFinishedSpanItems();
        assertEquals(1, finished.size(), finished.toString());
        return finished.get(0);
    }

    private static Attributes with(Attributes base, String key, String value) {
        return base.toBuilder().put(AttributeKey.stringKey(key), value).build();
    }

    private List<MetricData> all;

    private MetricData metric(String name) {
        if (all == null) {
            all = List.copyOf(metrics.collectAllMetrics());
        }
        Optional<MetricData> m = all.stream().filter(d -> d.getName().equals(name)).findFirst();
        assertTrue(m.isPresent(), name + " not among " + all.stream().map(MetricData::getName).toList());
        return m.get();
    }

    private long longSum(String name, Attributes attributes) {
        all = null;
        MetricData m = metric(name);
        assertFalse(m.getLongSumData().getPoints().isEmpty(), name);
        return m.getLongSumData().getPoints().stream().filter(p -> p.getAttributes().equals(attributes))
                .mapToLong(LongPointData::getValue).findFirst()
                .orElseThrow(() -> new AssertionError(name + " has no point " + attributes + ": "
                        + m.getLongSumData().getPoints()));
    }

    private HistogramPointData histogram(String name, Attributes attributes) {
        all = null;
        MetricData m = metric(name);
        return m.getHistogramData().getPoints().stream().filter(p -> p.getAttributes().equals(attributes))
                .findFirst().orElseThrow(() -> new AssertionError(name + " has no point " + attributes + ": "
                        + m.getHistogramData().getPoints()));
    }
}
