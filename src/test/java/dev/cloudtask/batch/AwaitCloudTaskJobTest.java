package dev.cloudtask.batch;

import static dev.cloudtask.testkit.batch.BatchJobs.start;
import static dev.cloudtask.testkit.batch.BatchJobs.step;
import static dev.cloudtask.testkit.batch.BatchJobs.stepNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.AwaitOutcome;
import dev.cloudtask.CloudService;
import dev.cloudtask.ProgressEvent;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskState;
import dev.cloudtask.testkit.Endpoint;
import dev.cloudtask.testkit.InjectedFault;
import dev.cloudtask.testkit.JournalEntry;
import dev.cloudtask.testkit.Timeline;
import dev.cloudtask.testkit.batch.SimBatch;
import dev.cloudtask.testkit.batch.WithJBatch;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.StepExecution;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The awaitCloudTask step on the jbatch runtime with the real engine polling the simulator over
 * HTTP, one job XML per outcome. Strategy: create the remote task in the simulator with a scripted
 * timeline, run the job in virtual time ({@link SimBatch#runToEnd}), and check the step's statuses
 * against the simulator's journal (no submission, how many polls, when).
 */
@WithJBatch
class AwaitCloudTaskJobTest {
    static SimBatch batch;

    @BeforeEach
    void forgetRecordedEvents() {
        ProgressRecorder.clear();
    }

    private static Map<String, String> params(TaskRef ref) {
        return Map.of("service", ref.service().name().toLowerCase(), "jobId", ref.taskId(), "projectId", ref.projectId());
    }

    @Test
    void success_taskSucceeds_stepCompletedAndEveryChangeIsOneEventAndOneLogLine() {
        TaskRef ref = batch.simulator().createTask(CloudService.DWS, Timeline.builder()
                .queuedFor(Duration.ofMinutes(1)).duration(Duration.ofMinutes(40)).build());
        try (LogCapture log = new LogCapture()) {
            long id = start("await-success", params(ref));
            JobExecution job = batch.runToEnd(id);

            assertEquals(BatchStatus.COMPLETED, job.getBatchStatus());
            StepExecution step = step(id, "awaitNode");
            assertEquals(BatchStatus.COMPLETED, step.getBatchStatus());
            assertEquals("SUCCEEDED", step.getExitStatus());
            assertEquals(0, batch.simulator().journal().totalSubmissions());
            assertTrue(batch.polls(ref) >= 3, "polled while queued, running and at the end: " + batch.polls(ref));

            List<ProgressEvent> events = ProgressRecorder.EVENTS.stream().filter(e -> e.ref().equals(ref)).toList();
            assertTrue(events.size() >= 3, "queued, running, succeeded: " + events);
            assertEquals(TaskState.SUCCEEDED, events.get(events.size() - 1).current().state());
            for (int i = 1; i < events.size(); i++) {
                assertEquals(events.get(i - 1).current(), events.get(i).previous(), "events chain");
                assertNotEquals(events.get(i).previous(), events.get(i).current(), "an event is a change");
                assertTrue(percent(events.get(i)) >= percent(events.get(i - 1)), "progress never goes back");
            }
            assertTrue(ProgressRecorder.THREADS.stream().noneMatch(t -> t.equals(Thread.currentThread().getName())),
                    "observers run on the batch thread");
            List<String> lines = log.messages(Level.INFO).stream()
                    .filter(m -> m.contains(": " + ref.asString() + " ") && !m.contains(" ended ")).toList();
            assertEquals(events.size(), lines.size(), "one log line per change: " + lines);
            long instanceId = BatchRuntime.getJobOperator().getJobInstance(id).getInstanceId();
            assertTrue(lines.get(0).startsWith("job await-success (instance " + instanceId + ", execution " + id
                    + ") step awaitNode: " + ref.asString()), lines.get(0));
            assertTrue(lines.get(lines.size() - 1).contains("SUCCEEDED 100%"), lines.get(lines.size() - 1));
            List<AwaitEnded> ended = ProgressRecorder.ENDED.stream().filter(e -> e.executionId() == id).toList();
            assertEquals(1, ended.size(), "one AwaitEnded per step");
            assertEquals("awaitNode", ended.get(0).stepName());
            assertEquals("SUCCEEDED", ended.get(0).exitStatus());
            assertEquals(ref, ended.get(0).outcome().ref());
            assertEquals(batch.polls(ref), ended.get(0).outcome().polls(), "the outcome counts the simulator's polls");
            assertFalse(ended.get(0).failsStep());
        }
    }

    @Test
    void success_taskDoneAtFirstPoll_summaryLineSaysOnePoll() {
        TaskRef ref = batch.simulator().createTask(CloudService.DWS, Timeline.builder()
                .queuedFor(Duration.ZERO).duration(Duration.ofMillis(100)).build());
        try (LogCapture log = new LogCapture()) {
            long id = start("await-success", params(ref));
            JobExecution job = batch.runToEnd(id);

            assertEquals(BatchStatus.COMPLETED, job.getBatchStatus());
            assertEquals(1, batch.polls(ref), "the first poll saw the task done");
            long instanceId = BatchRuntime.getJobOperator().getJobInstance(id).getInstanceId();
            String summary = log.messages(Level.INFO).stream().filter(m -> m.contains(" ended ")).findFirst().orElseThrow();
            assertTrue(summary.startsWith("job await-success (instance " + instanceId + ", execution " + id
                    + ") step awaitNode: " + ref.asString() + " ended SUCCEEDED after "), summary);
            assertTrue(summary.endsWith(", 1 poll; exit status SUCCEEDED"), summary);
        }
    }

    private static int percent(ProgressEvent e) {
        return e.current().percent() == null ? 0 : e.current().percent();
    }

    @Test
    void remoteFailure_defaultOnRemoteFailure_stepFailedWithRemoteCodeAndJobStops() {
        TaskRef ref = batch.simulator().createTask(CloudService.DWS, Timeline.builder()
                .duration(Duration.ofMinutes(20)).fails("DWS.0114", "ELB private IP is not configured.", 40).build());
        long id = start("await-remote-failure", params(ref));
        JobExecution job = batch.runToEnd(id);

        assertEquals(BatchStatus.FAILED, job.getBatchStatus());
        StepExecution step = step(id, "awaitNode");
        assertEquals(BatchStatus.FAILED, step.getBatchStatus());
        assertEquals("FAILED:DWS.0114", step.getExitStatus());
        assertEquals(List.of("awaitNode"), stepNames(id), "the job does not go on after a failed wait");
        assertEquals(0, batch.simulator().journal().totalSubmissions(), "the later step did not run");
        assertTrue(ProgressRecorder.ENDED.stream().anyMatch(e -> e.executionId() == id && e.failsStep()),
                "AwaitEnded is fired before the step fails");
    }

    @Test
    void remoteFailure_onRemoteFailureComplete_stepCompletedWithFailedExitAndJobBranches() {
        TaskRef ref = batch.simulator().createTask(CloudService.DWS, Timeline.builder()
                .duration(Duration.ofMinutes(20)).fails("DWS.0114", "ELB private IP is not configured.", 40).build());
        long id = start("await-remote-failure-complete", params(ref));
        JobExecution job = batch.runToEnd(id);

        StepExecution step = step(id, "awaitNode");
        assertEquals(BatchStatus.COMPLETED, step.getBatchStatus());
        assertEquals("FAILED:DWS.0114", step.getExitStatus());
        assertEquals(BatchStatus.COMPLETED, job.getBatchStatus());
        assertEquals(List.of("awaitNode", "cleanUp"), stepNames(id), "job XML branched on FAILED:*");
        assertEquals(1, batch.simulator().journal().totalSubmissions(), "the cleanUp step ran once");
        AwaitEnded ended = ProgressRecorder.ENDED.stream().filter(e -> e.executionId() == id).findFirst().orElseThrow();
        assertEquals("FAILED:DWS.0114", ended.exitStatus());
        assertEquals(AwaitOutcome.Kind.FAILED, ended.outcome().kind());
        assertFalse(ended.failsStep(), "onRemoteFailure=COMPLETE: the step completes");
    }

    @Test
    void timeout_taskLongerThanTimeout_stepFailedWithTimedOutAfterTwentySimulatedMinutes() {
        TaskRef ref = batch.simulator().createTask(CloudService.CCE, Timeline.builder().duration(Duration.ofHours(2)).build());
        Instant before = batch.clock().instant();
        long id = start("await-timeout", params(ref));
        JobExecution job = batch.runToEnd(id);

        assertEquals(BatchStatus.FAILED, job.getBatchStatus());
        StepExecution step = step(id, "awaitNode");
        assertEquals(BatchStatus.FAILED, step.getBatchStatus());
        assertEquals("TIMED_OUT", step.getExitStatus());
        List<JournalEntry> polls = batch.requests(Endpoint.POLL);
        // a CCE job reports no percent: capped growth up to the no-signal cap (maxInterval / 7, about 17 s)
        assertTrue(polls.size() >= 5 && polls.size() <= 20 * 60 / 17 + 15, "polls in 20 minutes: " + polls.size());
        assertTrue(polls.stream().allMatch(p -> ref.taskId().equals(p.taskId()) && p.status() == 200));
        assertTrue(polls.stream().allMatch(p -> !p.time().isAfter(before.plus(Duration.ofMinutes(20)))),
                "no poll after the timeout: " + polls.get(polls.size() - 1).time() + " vs start " + before);
        assertTrue(polls.get(polls.size() - 1).time().isAfter(before.plus(Duration.ofMinutes(15))),
                "still polling shortly before the timeout");
    }

    @Test
    void error_progressForbidden_stepFailedWithServiceErrorCode() {
        TaskRef ref = batch.simulator().createTask(CloudService.DWS, Timeline.builder().duration(Duration.ofHours(1)).build());
        batch.simulator().faults().forTask(ref.taskId()).always(InjectedFault.status(403));
        long id = start("await-error", params(ref));
        JobExecution job = batch.runToEnd(id);

        assertEquals(BatchStatus.FAILED, job.getBatchStatus());
        StepExecution step = step(id, "awaitNode");
        assertEquals(BatchStatus.FAILED, step.getBatchStatus());
        assertEquals("ERROR:DWS.0003", step.getExitStatus());
        assertEquals(1, batch.polls(ref), "a 403 is not retried");
    }
}
