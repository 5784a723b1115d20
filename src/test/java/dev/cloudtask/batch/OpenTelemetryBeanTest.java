package dev.cloudtask.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.CloudTaskAwaiter;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskState;
import dev.cloudtask.TaskStatus;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** The CDI producer finds the application's OpenTelemetry bean (as MicroProfile Telemetry provides it). */
class OpenTelemetryBeanTest {
    static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    static final OpenTelemetrySdk SDK = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build())
            .build();

    /** Stands in for MicroProfile Telemetry's bean. */
    @ApplicationScoped
    static class TelemetryProducer {
        @Produces
        OpenTelemetry openTelemetry() {
            return SDK;
        }
    }

    /** Any bean, so that the container has something to start with. */
    @ApplicationScoped
    static class Other {
    }

    @Test
    void withBean_producerUsesIt_andTheWaitsSpanIsExported() {
        try (WeldContainer c = new Weld("otel-bean").disableDiscovery().addBeanClasses(TelemetryProducer.class)
                .initialize()) {
            Object found = CloudTaskAwaiterProducer.openTelemetry(c.select(Object.class));
            try (CloudTaskAwaiter awaiter = CloudTaskAwaiterProducer.create(
                    ref -> CompletableFuture.completedFuture(TaskStatus.of(TaskState.SUCCEEDED, "SUCCESS")), ConfigLayer.microProfile(), found)) {
                awaiter.await(TaskRef.dws("p", "j"), AwaitPolicy.ofDefaults().withInitialDelay(Duration.ZERO));
            }
            assertEquals(1, SPANS.getFinishedSpanItems().stream().filter(s -> s.getName().equals("cloudtask.wait"))
                    .count(), SPANS.getFinishedSpanItems().toString());
        }
    }

    @Test
    void withoutBean_null() {
        try (WeldContainer c = new Weld("no-otel-bean").disableDiscovery().addBeanClasses(Other.class).initialize()) {
            assertNull(CloudTaskAwaiterProducer.openTelemetry(c.select(Object.class)));
        }
    }

    @Test
    void sdkIsTheProducedInstance() {
        try (WeldContainer c = new Weld("otel-bean-2").disableDiscovery().addBeanClasses(TelemetryProducer.class)
                .initialize()) {
            // a dependent-scoped producer: the very instance, no proxy
            assertSame(SDK, CloudTaskAwaiterProducer.openTelemetry(c.select(Object.class)));
        }
    }
}
