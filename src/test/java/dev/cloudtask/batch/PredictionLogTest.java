package dev.cloudtask.batch;

import static dev.cloudtask.testkit.batch.BatchJobs.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.ProgressEvent;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskState;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.testkit.Timeline;
import dev.cloudtask.testkit.batch.SimBatch;
import dev.cloudtask.testkit.batch.WithJBatch;
import jakarta.batch.runtime.BatchStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** The predicted end in the progress log line and the step's summary line. */
@WithJBatch
class PredictionLogTest {
    static SimBatch batch;

    private static final TaskRef REF = TaskRef.dws("p1", "j1");
    private static final Instant AT = Instant.parse("2026-01-01T10:00:00Z");
    private static final TaskStatus RUNNING = new TaskStatus(TaskState.RUNNING, 60, "RUNNING", List.of(), null,
            null, null, null, null);

    @Test
    void line_withPrediction_saysTimeLeftAndSpread() {
        ProgressEvent e = new ProgressEvent(REF, null, RUNNING, AT, AT.plus(Duration.ofMinutes(12)),
                Duration.ofSeconds(100));
        assertEquals("job j (instance 1, execution 2) step s: dws/p1/j1 RUNNING 60% phase=RUNNING,"
                + " about 12 min left (±2 min)", ProgressReporter.line("job j (instance 1, execution 2)", "s", e));
    }

    @Test
    void line_withoutPrediction_saysNothingOfTheEnd() {
        String line = ProgressReporter.line("job j", "s", new ProgressEvent(REF, null, RUNNING, AT));
        assertFalse(line.contains("left"), line);
    }

    @Test
    void about_roundsForPeople() {
        assertEquals("0 s", ProgressReporter.about(Duration.ofMillis(300)));
        assertEquals("89 s", ProgressReporter.about(Duration.ofSeconds(89)));
        assertEquals("2 min", ProgressReporter.about(Duration.ofSeconds(90)));
        assertEquals("89 min", ProgressReporter.about(Duration.ofMinutes(89)));
        assertEquals("1.5 h", ProgressReporter.about(Duration.ofMinutes(90)));
        assertEquals("26.0 h", ProgressReporter.about(Duration.ofHours(26)));
    }

    @Test
    void summary_predictedVersusActual() {
        ProgressEvent p = new ProgressEvent(REF, null, RUNNING, AT, AT.plusSeconds(720).plusMillis(400),
                Duration.ofSeconds(60));
        assertEquals("; predicted end 2026-01-01T10:12:00Z ±60 s, actual 2026-01-01T10:13:10Z",
                StepRun.predictedVsActual(p, AT.plusSeconds(790)));
        assertEquals("; predicted end 2026-01-01T10:12:00Z ±60 s, actual not ended",
                StepRun.predictedVsActual(p, null));
        assertEquals("", StepRun.predictedVsActual(null, AT));
    }

    @Test
    void job_linearTask_progressLinesSayTimeLeft_summarySaysPredictedAndActualEnd() {
        TaskRef ref = batch.simulator().createTask(CloudService.DWS, Timeline.builder()
                .duration(Duration.ofMinutes(40)).build());
        try (LogCapture log = new LogCapture()) {
            long id = start("await-success", Map.of("service", "dws", "jobId", ref.taskId(),
                    "projectId", ref.projectId()));
            assertEquals(BatchStatus.COMPLETED, batch.runToEnd(id).getBatchStatus());
            List<String> info = log.messages(Level.INFO).stream().filter(m -> m.contains(ref.asString())).toList();
            assertTrue(info.stream().anyMatch(m -> m.contains(" RUNNING ") && m.matches(".* min left \\(±.*\\)")),
                    "a progress line with the time left: " + info);
            String summary = info.stream().filter(m -> m.contains(" ended SUCCEEDED")).findFirst().orElseThrow();
            assertTrue(summary.matches(".*; predicted end \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ ±[^,]+, actual "
                    + "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), summary);
        }
    }
}
