package dev.cloudtask.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.TaskRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A job's wait produces the documented span, with its progress events, in a server with MicroProfile
 * Telemetry and the OpenTelemetry SDK on: OpenLiberty's {@code mpTelemetry-2.0}
 * (server-config/server.xml, src/test/liberty/jvm.options) and Payara Micro's
 * (src/test/payara/it-system.properties). The SDK exports the spans over OTLP/HTTP to an
 * {@link OtlpSink} in the test JVM, where the test decodes them. The metrics:
 * {@link TelemetryMetricsServerIT}.
 */
@ExtendWith(SimulatorExtension.class)
@ExtendWith(OtlpSinkExtension.class)
@ExtendWith(ArquillianExtension.class)
class TelemetryServerIT {

    private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(30);

    @Deployment
    static WebArchive deployment() {
        return ItDeployments.war("cloudtask-telemetry-it",
                new Class<?>[] {
                    DwsOperationsClient.class, ResizeClusterBatchlet.class, ProgressRecorder.class,
                    SimulatorAdmin.class, BatchAwait.class, SimulatorExtension.class, OtlpSinkExtension.class,
                    OtlpTraces.class, TelemetryJob.class
                },
                TelemetryJob.JOB);
    }

    @Test
    void jobWait_exportsSpanWithProgressEvents_withDocumentedNamesAndAttributes() throws Exception {
        TaskRef ref = TelemetryJob.run("dws-otel-span");

        OtlpTraces.Span span = exportedWaitSpan(ref);
        assertEquals("dev.cloudtask", span.scope());
        assertEquals(OtlpTraces.STATUS_OK, span.status(), "span status: " + span);
        assertEquals("dws", span.attributes().get("cloudtask.service"));
        assertEquals("succeeded", span.attributes().get("cloudtask.outcome"));
        assertTrue(span.attributes().get("cloudtask.polls") instanceof Long polls && polls >= 2,
                "cloudtask.polls: " + span.attributes());
        List<OtlpTraces.Event> events = span.events();
        assertTrue(events.size() >= 3, "a RUNNING change or more between the first and the last event: " + events);
        assertTrue(events.stream().allMatch(e -> e.name().equals("cloudtask.progress")), "event names: " + events);
        assertEquals("SUCCEEDED", events.get(events.size() - 1).attributes().get("cloudtask.task.state"),
                "the last event is the end: " + events);
        OtlpTraces.Event predicted = events.stream()
                .filter(e -> e.attributes().containsKey("cloudtask.predicted_end")).findFirst()
                .orElseThrow(() -> new AssertionError("no event with a predicted end: " + events));
        assertEquals("RUNNING", predicted.attributes().get("cloudtask.task.state"));
        assertEquals("RUNNING", predicted.attributes().get("cloudtask.task.remote_state"));
        assertTrue(predicted.attributes().get("cloudtask.task.percent") instanceof Long percent
                && percent > 0 && percent < 100, "percent: " + predicted);
        Instant.parse((String) predicted.attributes().get("cloudtask.predicted_end"));
        assertTrue(predicted.attributes().get("cloudtask.predicted_end.spread") instanceof Double spread
                && spread >= 0, "spread: " + predicted);
    }

    /** The span {@code cloudtask.wait} of the task, once the server has exported it to the OTLP receiver. */
    private static OtlpTraces.Span exportedWaitSpan(TaskRef ref) throws Exception {
        String sink = System.getProperty(OtlpSinkExtension.URL_PROPERTY);
        assertNotNull(sink, "system property " + OtlpSinkExtension.URL_PROPERTY + " of the server under test");
        long until = System.nanoTime() + EXPORT_TIMEOUT.toNanos();
        List<OtlpTraces.Span> spans = List.of();
        while (System.nanoTime() < until) {
            spans = OtlpTraces.fetch(sink);
            for (OtlpTraces.Span s : spans) {
                if (s.name().equals("cloudtask.wait") && ref.asString().equals(s.attributes().get("cloudtask.task.id"))) {
                    return s;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no span cloudtask.wait for " + ref.asString() + " exported within " + EXPORT_TIMEOUT
                + "; spans received: " + spans.stream().map(s -> s.scope() + " " + s.name()).toList());
    }
}
