package dev.cloudtask.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.TaskRef;
import dev.cloudtask.batch.PublishedTasks;
import dev.cloudtask.batch.TaskRefs;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * OpenLiberty with {@code mpTelemetry-2.0} (server-config/server.xml) and the OpenTelemetry SDK on,
 * exporting through the logging exporters into {@code messages.log} (src/test/liberty/jvm.options):
 * a job's wait produces the documented span and metrics, read back from that log. Liberty only
 * (the Payara execution excludes it).
 */
@ExtendWith(SimulatorExtension.class)
@ExtendWith(ArquillianExtension.class)
class TelemetryServerIT {

    private static final String JOB = "it-dws-resize";
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(30);

    @Deployment
    static WebArchive deployment() {
        return ItDeployments.war("cloudtask-telemetry-it",
                new Class<?>[] {
                    DwsOperationsClient.class, ResizeClusterBatchlet.class, ProgressRecorder.class,
                    SimulatorAdmin.class, BatchAwait.class, SimulatorExtension.class
                },
                JOB);
    }

    @Test
    void jobWait_exportsSpanAndMetrics_withDocumentedNamesAndAttributes() throws Exception {
        SimulatorAdmin.fromConfig().reset();
        JobOperator operator = BatchRuntime.getJobOperator();
        Properties p = new Properties();
        p.setProperty("projectId", "05f2cff45100d5112f4bc00b794ea08e");
        p.setProperty("clusterId", "dws-otel");
        p.setProperty("duration", "2s");
        long executionId = operator.start(JOB, p);
        assertEquals(BatchStatus.COMPLETED, BatchAwait.finished(operator, executionId, JOB_TIMEOUT).getBatchStatus());
        TaskRef ref = TaskRefs.lookup(operator, executionId, "submit").map(PublishedTasks::refs)
                .orElseThrow().get(0);

        // the logging exporters print a span's name, kind, scope and attributes (not its events,
        // which the Java SE tests check), and each metric with its points' attributes
        List<String> wanted = List.of(
                "'cloudtask.wait'", // LoggingSpanExporter quotes the span name
                "INTERNAL [tracer: dev.cloudtask:]",
                "cloudtask.task.id=" + ref.asString(),
                "cloudtask.outcome=succeeded",
                "cloudtask.service=dws", // unquoted: the span (metric attributes are quoted)
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
            return String.join("\n", lines.filter(l -> l.contains("'cloudtask.") || l.contains("name=cloudtask."))
                    .limit(20).toList());
        }
    }
}
