package dev.cloudtask.batch;

import static dev.cloudtask.batch.LogCapture.text;
import static dev.cloudtask.testkit.batch.BatchJobs.start;
import static dev.cloudtask.testkit.batch.BatchJobs.step;
import static dev.cloudtask.testkit.batch.BatchJobs.stepNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import dev.cloudtask.testkit.Timeline;
import dev.cloudtask.testkit.batch.SimBatch;
import dev.cloudtask.testkit.batch.WithJBatch;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.StepExecution;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The exit status of each kind of awaiting step after a remote failure, and what the logs say about
 * it. Strategy: for a single task, a fan-in of three and three partitions, one task fails remotely
 * with a known code; the job XML branches with {@code <next on="FAILED:*">} to a step that submits
 * an operation to the simulator, so the branch is seen in the simulator's journal. Every log record
 * of the run is captured: an expected failure must appear in exactly one record, and no record may
 * carry a stack trace of this library.
 */
@WithJBatch
class BranchOnExitStatusJobTest {
    static SimBatch batch;

    private static TaskRef task(Duration d) {
        return batch.simulator().createTask(CloudService.DWS, Timeline.builder().duration(d).build());
    }

    private static TaskRef failing(String code) {
        return batch.simulator().createTask(CloudService.DWS, Timeline.builder().duration(Duration.ofMinutes(30))
                .fails(code, "the cluster ran out of disk", 40).build());
    }

    @ParameterizedTest(name = "{0}, onRemoteFailure={1}")
    @CsvSource({
        "branch-single,     FAIL,     awaitNode, FAILED",
        "branch-single,     COMPLETE, awaitNode, COMPLETED",
        "branch-fan-in,     FAIL,     awaitAll,  FAILED",
        "branch-fan-in,     COMPLETE, awaitAll,  COMPLETED",
        "branch-partitions, FAIL,     awaitEach, FAILED",
        "branch-partitions, COMPLETE, awaitEach, COMPLETED"})
    void remoteFailure_jobXmlBranchesOnFailedCodeAndTheFailureIsLoggedOnceWithoutLibraryStackTrace(String job,
            String onRemoteFailure, String stepName, BatchStatus stepStatus) {
        TaskRef bad = failing("DWS.0118");
        List<TaskRef> refs = job.equals("branch-single") ? List.of(bad)
                : List.of(task(Duration.ofHours(2)), bad, task(Duration.ofHours(3)));
        String tasks = refs.stream().map(TaskRef::asString).collect(Collectors.joining(","));
        long submissionsBefore = batch.simulator().journal().totalSubmissions();
        try (LogCapture log = new LogCapture("")) {
            long id = start(job, Map.of("tasks", tasks, "onRemoteFailure", onRemoteFailure));
            JobExecution execution = batch.runToEnd(id);

            StepExecution step = step(id, stepName);
            assertEquals(stepStatus, step.getBatchStatus());
            assertEquals("FAILED:DWS.0118", step.getExitStatus(), "the step's own exit status carries the code");
            assertEquals(List.of(stepName, "onFailure"), stepNames(id), "job XML branched on FAILED:*");
            assertEquals(submissionsBefore + 1, batch.simulator().journal().totalSubmissions(), "onFailure ran once");
            assertEquals(BatchStatus.COMPLETED, execution.getBatchStatus());

            List<LogRecord> aboutFailure = log.records().stream()
                    .filter(r -> r.getLevel().intValue() >= Level.INFO.intValue())
                    .filter(r -> text(r).contains(bad.asString()) && text(r).contains("ended FAILED")).toList();
            assertEquals(1, aboutFailure.size(), () -> "one record for the failure: " + describe(aboutFailure));
            assertTrue(text(aboutFailure.get(0)).contains("exit status FAILED:DWS.0118"), text(aboutFailure.get(0)));
            for (LogRecord r : log.records()) {
                assertNull(LogCapture.libraryFrame(r), () -> "a stack trace of this library: " + text(r));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"branch-single, awaitNode", "branch-fan-in, awaitAll", "branch-partitions, awaitEach"})
    void allSucceed_stepSucceededAndNoBranch(String job, String stepName) {
        List<TaskRef> refs = job.equals("branch-single") ? List.of(task(Duration.ofMinutes(20)))
                : List.of(task(Duration.ofMinutes(20)), task(Duration.ofMinutes(25)));
        String tasks = refs.stream().map(TaskRef::asString).collect(Collectors.joining(","));
        long id = start(job, Map.of("tasks", tasks, "onRemoteFailure", ""));
        JobExecution execution = batch.runToEnd(id);

        assertEquals(BatchStatus.COMPLETED, execution.getBatchStatus());
        assertEquals("SUCCEEDED", step(id, stepName).getExitStatus());
        assertEquals(List.of(stepName), stepNames(id));
    }

    private static String describe(List<LogRecord> records) {
        return records.stream().map(r -> r.getLevel() + " " + r.getLoggerName() + ": " + text(r).lines().findFirst()
                .orElse("")).collect(Collectors.joining("\n"));
    }
}
