package dev.cloudtask.batch;

import static dev.cloudtask.testkit.batch.BatchJobs.awaitEnd;
import static dev.cloudtask.testkit.batch.BatchJobs.start;
import static dev.cloudtask.testkit.batch.BatchJobs.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import dev.cloudtask.client.MutableConfigSource;
import dev.cloudtask.testkit.Endpoint;
import dev.cloudtask.testkit.JournalEntry;
import dev.cloudtask.testkit.Timeline;
import dev.cloudtask.testkit.batch.SimBatch;
import dev.cloudtask.testkit.batch.WithJBatch;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.StepExecution;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The precedence of a knob on the jbatch runtime. Strategy: one job XML ({@code config-layers})
 * offers {@code timeout} as a step property and a job-level property, both from job parameters (blank
 * when not given); MicroProfile Config values are set in a mutable config source. Every layer from
 * the chosen one down gets a value (each a different timeout), the remote task runs for hours, and
 * the simulator's journal must show polling that stops at the chosen layer's timeout; the step's
 * INFO line must name that layer.
 */
@WithJBatch
class ConfigLayersJobTest {
    static SimBatch batch;

    private static final String SERVICE_KEY = "cloudtask.dws.await.timeout";
    private static final String GLOBAL_KEY = "cloudtask.await.timeout";

    @AfterEach
    void clearConfig() {
        MutableConfigSource.remove(SERVICE_KEY);
        MutableConfigSource.remove(GLOBAL_KEY);
    }

    static Stream<Arguments> layers() {
        return Stream.of(
                Arguments.of("step property", 0, Duration.ofMinutes(10)),
                Arguments.of("job property", 1, Duration.ofMinutes(20)),
                Arguments.of("MicroProfile Config " + SERVICE_KEY, 2, Duration.ofMinutes(30)),
                Arguments.of("MicroProfile Config " + GLOBAL_KEY, 3, Duration.ofMinutes(40)),
                Arguments.of(null, 4, Duration.ofHours(6)));
    }

    @ParameterizedTest(name = "timeout from {0}")
    @MethodSource("layers")
    void timeout_fromThisLayerWithEveryLowerLayerSet_pollsStopAtThisLayersTimeout(String source, int top,
            Duration expected) {
        TaskRef ref = batch.simulator().createTask(CloudService.DWS, Timeline.builder()
                .duration(Duration.ofHours(8)).build());
        Map<String, String> params = new HashMap<>(Map.of("jobId", ref.taskId(), "projectId", ref.projectId()));
        if (top <= 0) {
            params.put("stepTimeout", "10m");
        }
        if (top <= 1) {
            params.put("jobTimeout", "20m");
        }
        if (top <= 2) {
            MutableConfigSource.put(SERVICE_KEY, "PT30M");
        }
        if (top <= 3) {
            MutableConfigSource.put(GLOBAL_KEY, "40m");
        }
        try (LogCapture log = new LogCapture()) {
            long id = start("config-layers", params);
            batch.runToEnd(id);

            StepExecution step = step(id, "awaitNode");
            assertEquals(BatchStatus.FAILED, step.getBatchStatus());
            assertEquals("TIMED_OUT", step.getExitStatus());
            List<JournalEntry> polls = batch.requests(Endpoint.POLL).stream()
                    .filter(e -> e.path().endsWith("/" + ref.taskId())).toList();
            Duration span = Duration.between(polls.get(0).time(), polls.get(polls.size() - 1).time());
            assertTrue(span.compareTo(expected) <= 0 && span.compareTo(expected.minusMinutes(7)) >= 0,
                    "polled for " + span + ", expected up to " + expected);
            AwaitEnded ended = ProgressRecorder.ENDED.stream().filter(e -> e.executionId() == id).findFirst()
                    .orElseThrow();
            Duration elapsed = ended.outcome().elapsed();
            // the harness may move virtual time by one step while a new wait plans its first timers
            assertTrue(elapsed.compareTo(expected) >= 0 && elapsed.compareTo(expected.plus(SimBatch.STEP)) <= 0,
                    "ended TIMED_OUT after " + elapsed + ", expected " + expected);
            String policy = log.messages(Level.INFO).stream().filter(m -> m.contains("; policy ")).findFirst()
                    .orElseThrow();
            String shown = dev.cloudtask.internal.Durations.format(expected);
            assertTrue(policy.contains("timeout=" + shown + (source == null ? "," : " (" + source + "),")), policy);
        }
    }

    @Test
    void badConfigValue_usedByTheWait_stepFailsAtOnceNamingKeySourceAndValue() {
        MutableConfigSource.put(SERVICE_KEY, "soon");
        try (LogCapture log = new LogCapture()) {
            long id = start("config-layers", Map.of("jobId", "j1", "projectId", "p1"));
            awaitEnd(id);

            StepExecution step = step(id, "awaitNode");
            assertEquals(BatchStatus.FAILED, step.getBatchStatus());
            assertEquals("INVALID_PROPERTY:timeout", step.getExitStatus());
            assertEquals(List.of(), batch.simulator().journal().entries(), "no request was made");
            List<String> severe = log.messages(Level.SEVERE);
            assertEquals(1, severe.size(), severe.toString());
            assertTrue(severe.get(0).contains("MicroProfile Config key '" + SERVICE_KEY
                    + "' (config source cloudtask-test-mutable) has value 'soon'"), severe.get(0));
        }
    }

    @Test
    void badConfigValue_shadowedByJobProperty_waitRunsWithTheJobValue() {
        MutableConfigSource.put(SERVICE_KEY, "soon");
        TaskRef ref = batch.simulator().createTask(CloudService.DWS, Timeline.builder()
                .duration(Duration.ofMinutes(5)).build());
        long id = start("config-layers", Map.of("jobId", ref.taskId(), "projectId", ref.projectId(),
                "jobTimeout", "1h"));

        assertEquals(BatchStatus.COMPLETED, batch.runToEnd(id).getBatchStatus());
        assertEquals("SUCCEEDED", step(id, "awaitNode").getExitStatus());
    }
}
