package dev.cloudtask.batch;

import static dev.cloudtask.batch.BatchJobs.awaitCondition;
import static dev.cloudtask.batch.BatchJobs.awaitEnd;
import static dev.cloudtask.batch.BatchJobs.start;
import static dev.cloudtask.batch.BatchJobs.step;
import static dev.cloudtask.batch.BatchJobs.stepNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.AwaitOutcome;
import dev.cloudtask.ProgressEvent;
import dev.cloudtask.TaskRef;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.StepExecution;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The awaitCloudTask step on the jbatch runtime, one job XML per outcome. Strategy: start the job,
 * wait until its step has started waiting on the fake cloud, then script the remote task (or the
 * virtual clock) and check the step's batch status and exit status.
 */
class AwaitCloudTaskJobTest {
    private final FakeCloud cloud = FakeCloud.get();

    @BeforeEach
    void reset() {
        cloud.reset();
        ProgressRecorder.EVENTS.clear();
        ProgressRecorder.ENDED.clear();
    }

    private long startWaitingOn(String job, TaskRef ref) {
        long id = start(job, Map.of("jobId", ref.taskId(), "projectId", ref.projectId()));
        awaitCondition("a wait on " + ref, () -> cloud.waitsFor(ref).size() == 1);
        return id;
    }

    @Test
    void success_taskSucceeds_stepCompletedWithExitSucceededAndProgressReported() {
        TaskRef ref = cloud.create("ok-1");
        try (LogCapture log = new LogCapture()) {
            long id = startWaitingOn("await-success", ref);
            cloud.running(ref, 40);
            cloud.succeed(ref);
            JobExecution job = awaitEnd(id);

            assertEquals(BatchStatus.COMPLETED, job.getBatchStatus());
            StepExecution step = step(id, "awaitNode");
            assertEquals(BatchStatus.COMPLETED, step.getBatchStatus());
            assertEquals("SUCCEEDED", step.getExitStatus());
            List<ProgressEvent> events = ProgressRecorder.EVENTS.stream().filter(e -> e.ref().equals(ref)).toList();
            assertEquals(List.of(0, 40, 100), events.stream().map(e -> e.current().percent()).toList());
            assertTrue(ProgressRecorder.THREADS.stream().noneMatch(t -> t.equals(Thread.currentThread().getName())),
                    "observers run on the batch thread, not the thread that changed the task");
            List<String> lines = log.messages(Level.INFO).stream().filter(m -> m.contains("RUNNING 40%")).toList();
            assertEquals(1, lines.size(), "one log line per change");
            assertTrue(lines.get(0).contains("step awaitNode") && lines.get(0).contains("cce/proj1/ok-1")
                    && lines.get(0).contains("phase=Running"), lines.get(0));
            List<AwaitEnded> ended = ProgressRecorder.ENDED.stream().filter(e -> e.executionId() == id).toList();
            assertEquals(1, ended.size(), "one AwaitEnded per step");
            assertEquals("awaitNode", ended.get(0).stepName());
            assertEquals("SUCCEEDED", ended.get(0).exitStatus());
            assertEquals(ref, ended.get(0).outcome().ref());
            assertEquals(cloud.outcomes().get(0).polls(), ended.get(0).outcome().polls());
            assertFalse(ended.get(0).failsStep());
        }
    }

    @Test
    void remoteFailure_defaultOnRemoteFailure_stepFailedWithRemoteCodeAndJobStops() {
        TaskRef ref = cloud.create("bad-1");
        long id = startWaitingOn("await-remote-failure", ref);
        cloud.fail(ref, "CCE.01400001");
        JobExecution job = awaitEnd(id);

        assertEquals(BatchStatus.FAILED, job.getBatchStatus());
        StepExecution step = step(id, "awaitNode");
        assertEquals(BatchStatus.FAILED, step.getBatchStatus());
        assertEquals("FAILED:CCE.01400001", step.getExitStatus());
        assertEquals(List.of("awaitNode"), stepNames(id), "the job does not go on after a failed wait");
        assertTrue(ProgressRecorder.ENDED.stream().anyMatch(e -> e.executionId() == id && e.failsStep()),
                "AwaitEnded is fired before the step fails");
    }

    @Test
    void remoteFailure_onRemoteFailureComplete_stepCompletedWithFailedExitAndJobBranches() {
        TaskRef ref = cloud.create("bad-2");
        long id = startWaitingOn("await-remote-failure-complete", ref);
        cloud.fail(ref, "CCE.01400001");
        JobExecution job = awaitEnd(id);

        StepExecution step = step(id, "awaitNode");
        assertEquals(BatchStatus.COMPLETED, step.getBatchStatus());
        assertEquals("FAILED:CCE.01400001", step.getExitStatus());
        assertEquals(BatchStatus.COMPLETED, job.getBatchStatus());
        assertEquals(List.of("awaitNode", "cleanUp"), stepNames(id), "job XML branched on FAILED:*");
        AwaitEnded ended = ProgressRecorder.ENDED.stream().filter(e -> e.executionId() == id).findFirst().orElseThrow();
        assertEquals("FAILED:CCE.01400001", ended.exitStatus());
        assertEquals(AwaitOutcome.Kind.FAILED, ended.outcome().kind());
        assertFalse(ended.failsStep(), "onRemoteFailure=COMPLETE: the step completes");
    }

    @Test
    void timeout_virtualClockPassesTimeout_stepFailedWithTimedOut() {
        TaskRef ref = cloud.create("slow-1");
        long id = startWaitingOn("await-timeout", ref);
        cloud.advance(Duration.ofSeconds(29));
        assertEquals(1, cloud.waitsFor(ref).size(), "still waiting before the 30 s timeout");
        cloud.advance(Duration.ofSeconds(1));
        JobExecution job = awaitEnd(id);

        assertEquals(BatchStatus.FAILED, job.getBatchStatus());
        StepExecution step = step(id, "awaitNode");
        assertEquals(BatchStatus.FAILED, step.getBatchStatus());
        assertEquals("TIMED_OUT", step.getExitStatus());
        assertEquals(AwaitOutcome.Kind.TIMED_OUT, cloud.outcomes().get(0).kind());
    }

    @Test
    void error_progressCannotBeRead_stepFailedWithErrorCode() {
        TaskRef ref = cloud.create("denied-1");
        long id = startWaitingOn("await-error", ref);
        cloud.error(ref, "403");
        JobExecution job = awaitEnd(id);

        assertEquals(BatchStatus.FAILED, job.getBatchStatus());
        StepExecution step = step(id, "awaitNode");
        assertEquals(BatchStatus.FAILED, step.getBatchStatus());
        assertEquals("ERROR:403", step.getExitStatus());
    }
}
