package dev.cloudtask.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * OpenLiberty with {@code mpTelemetry-2.0} (server-config/server.xml) and the OpenTelemetry SDK on,
 * exporting metrics every second through the logging exporter into {@code messages.log}
 * (src/test/liberty/jvm.options): a job's wait produces the documented metrics, read back from that
 * log. Liberty only (the Payara executions exclude it: MicroProfile Telemetry 1.1 in Payara Micro 6
 * has no metrics). The span: {@link TelemetryServerIT}.
 */
@ExtendWith(SimulatorExtension.class)
@ExtendWith(OtlpSinkExtension.class)
@ExtendWith(ArquillianExtension.class)
class TelemetryMetricsServerIT {

    private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(30);

    @Deployment
    static WebArchive deployment() {
        return ItDeployments.war("cloudtask-telemetry-metrics-it",
                new Class<?>[] {
                    DwsOperationsClient.class, ResizeClusterBatchlet.class, ProgressRecorder.class,
                    SimulatorAdmin.class, BatchAwait.class, SimulatorExtension.class, OtlpSinkExtension.class,
                    TelemetryJob.class
                },
                TelemetryJob.JOB);
    }

    @Test
    void jobWait_exportsMetrics_withDocumentedNamesAndAttributes() throws Exception {
        TelemetryJob.run("dws-otel-metrics");

        // the metrics go through the logging exporter, which prints each metric with its points' attributes
        List<String> wanted = List.of(
                "name=cloudtask.waits.active, description=Waits for remote tasks in progress, unit={wait}",
                "name=cloudtask.polls, description=Status requests of the waits, by result, unit={poll}",
                "cloudtask.poll.result=\"answered\", cloudtask.service=\"dws\"",
                "name=cloudtask.wait.duration, description=Duration of the ended waits, by outcome, unit=s",
                "cloudtask.outcome=\"succeeded\", cloudtask.service=\"dws\"",
                "name=cloudtask.ratelimit.wait");
        List<String> missing = new ArrayList<>(wanted);
        long until = System.nanoTime() + EXPORT_TIMEOUT.toNanos();
        String log = "";
        while (!missing.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(500);
            log = readLog();
            String text = log;
            missing.removeIf(text::contains);
        }
        assertTrue(missing.isEmpty(), "not exported to messages.log within " + EXPORT_TIMEOUT + ": " + missing
                + "\nlines naming cloudtask: " + cloudtaskLines(log));
    }

    /** The server's messages.log (Liberty runs with the server's output directory as working directory). */
    private static String readLog() throws IOException {
        List<Path> candidates = new ArrayList<>();
        String wlpOutput = System.getenv("WLP_OUTPUT_DIR");
        String serverName = System.getenv("SERVER_NAME");
        if (wlpOutput != null && serverName != null) {
            candidates.add(Paths.get(wlpOutput, serverName, "logs", "messages.log"));
        }
        String logDir = System.getenv("LOG_DIR");
        if (logDir != null) {
            candidates.add(Paths.get(logDir, "messages.log"));
        }
        candidates.add(Paths.get(System.getProperty("user.dir"), "logs", "messages.log"));
        for (Path c : candidates) {
            if (Files.isRegularFile(c)) {
                return Files.readString(c, StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException("no messages.log among " + candidates);
    }

    private static String cloudtaskLines(String log) {
        try (Stream<String> lines = log.lines()) {
            return String.join("\n", lines.filter(l -> l.contains("name=cloudtask."))
                    .limit(20).toList());
        }
    }
}
