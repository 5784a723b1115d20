package dev.cloudtask.batch;

import static dev.cloudtask.testkit.batch.BatchJobs.restart;
import static dev.cloudtask.testkit.batch.BatchJobs.start;
import static dev.cloudtask.testkit.batch.BatchJobs.step;
import static dev.cloudtask.testkit.batch.BatchJobs.stepNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import dev.cloudtask.testkit.Endpoint;
import dev.cloudtask.testkit.InjectedFault;
import dev.cloudtask.testkit.JournalEntry;
import dev.cloudtask.testkit.batch.BatchJobs;
import dev.cloudtask.testkit.batch.SimBatch;
import dev.cloudtask.testkit.batch.WithJBatch;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.StepExecution;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The submitCloudTask step on the jbatch runtime against the simulator's operation endpoints, then
 * awaitCloudTask on the published task. Strategy: declare a real operation in job parameters, inject
 * faults into the operation endpoint where needed, run (and restart) the job in virtual time, and
 * count the operation requests in the simulator's journal: every test states how many requests
 * reached the endpoint and how many started a task.
 */
@WithJBatch
class SubmitCloudTaskJobTest {
    static final String JOB = "submit-cloud-task";

    static SimBatch batch;

    static List<JournalEntry> operationRequests() {
        return batch.requests(Endpoint.SUBMIT);
    }

    static TaskRef published(long executionId) {
        return TaskRefs.lookup(BatchJobs.operator(), executionId, "submit")
                .orElseThrow(() -> new AssertionError("nothing published by execution " + executionId)).refs().get(0);
    }

    @ParameterizedTest
    @EnumSource(CloudService.class)
    void submitThenAwait_eachService_completedWithOneSubmissionOfThePublishedTask(CloudService service) {
        long id = start(JOB, SubmitOperations.of(service));
        JobExecution job = batch.runToEnd(id);

        assertEquals(BatchStatus.COMPLETED, job.getBatchStatus(), () -> describe(id));
        assertEquals(SubmitCloudTaskBatchlet.SUBMITTED, step(id, "submit").getExitStatus());
        assertEquals("SUCCEEDED", step(id, "awaitTask").getExitStatus());
        TaskRef ref = published(id);
        assertEquals(service, ref.service());
        assertEquals(1, batch.simulator().journal().totalSubmissions());
        assertEquals(ref.taskId(), operationRequests().get(0).taskId(), "the published task is the one the operation started");
        assertTrue(batch.polls(ref) >= 1, "awaitCloudTask polled the published task");
    }

    @Test
    void rejected_serviceAnswers403_rejectedWithItsCodeAfterOneRequest() {
        batch.simulator().faults().forEndpoint(Endpoint.SUBMIT).next(1, InjectedFault.status(403, "DWS.0047"));

        long id = start(JOB, SubmitOperations.of(CloudService.DWS));
        JobExecution job = batch.runToEnd(id);

        assertEquals(BatchStatus.FAILED, job.getBatchStatus());
        StepExecution submit = step(id, "submit");
        assertEquals(BatchStatus.FAILED, submit.getBatchStatus());
        assertEquals("REJECTED:DWS.0047", submit.getExitStatus());
        assertEquals(1, operationRequests().size(), "a 4xx is never sent again");
        assertEquals(0, batch.simulator().journal().totalSubmissions());
        assertEquals(List.of("submit"), stepNames(id));
    }

    @Test
    void rejected_thenRestarted_sendsAgainBecauseNothingStarted() {
        batch.simulator().faults().forEndpoint(Endpoint.SUBMIT).next(1, InjectedFault.status(400, "CCE.01400001"));
        long first = start(JOB, SubmitOperations.of(CloudService.CCE));
        batch.runToEnd(first);
        assertEquals("REJECTED:CCE.01400001", step(first, "submit").getExitStatus(), () -> describe(first));

        long second = restart(first, SubmitOperations.of(CloudService.CCE));
        JobExecution job = batch.runToEnd(second);

        assertEquals(BatchStatus.COMPLETED, job.getBatchStatus(), () -> describe(second));
        assertEquals(2, operationRequests().size());
        assertEquals(1, batch.simulator().journal().totalSubmissions());
    }

    @Test
    void throttledAndGatewayUnavailable_beforeAcceptance_retriedUntilSubmitted() {
        batch.simulator().faults().forEndpoint(Endpoint.SUBMIT).next(1, InjectedFault.status(503, "APIGW.0201"));
        batch.simulator().faults().forEndpoint(Endpoint.SUBMIT).next(2, InjectedFault.throttled(Duration.ZERO));

        long id = start(JOB, SubmitOperations.of(CloudService.DWS));
        JobExecution job = batch.runToEnd(id);

        assertEquals(BatchStatus.COMPLETED, job.getBatchStatus(), () -> describe(id));
        assertEquals(SubmitCloudTaskBatchlet.SUBMITTED, step(id, "submit").getExitStatus());
        assertEquals(List.of(503, 429, 429, 200), operationRequests().stream().map(JournalEntry::status).toList());
        assertEquals(1, batch.simulator().journal().totalSubmissions());
    }

    @Test
    void throttled_beyondErrorBudget_rejectedWithThrottlingCode() {
        batch.simulator().faults().forEndpoint(Endpoint.SUBMIT).always(InjectedFault.throttled(Duration.ZERO));

        long id = start(JOB, SubmitOperations.of(CloudService.DWS, "errorBudget", "2"));
        batch.runToEnd(id);

        assertEquals("REJECTED:APIGW.0308", step(id, "submit").getExitStatus());
        assertEquals(3, operationRequests().size(), "the first request and two retries");
        assertEquals(0, batch.simulator().journal().totalSubmissions());
    }

    @Test
    void connectionDroppedAfterAcceptance_restartSendsNothing_resubmitSendsExactlyOnceMore() {
        batch.simulator().faults().forEndpoint(Endpoint.SUBMIT).next(1, InjectedFault.connectionReset());
        Map<String, String> params = SubmitOperations.of(CloudService.CCE);

        long first = start(JOB, params);
        batch.runToEnd(first);
        assertEquals(SubmitCloudTaskBatchlet.SUBMISSION_UNCERTAIN, step(first, "submit").getExitStatus(), () -> describe(first));
        assertEquals(1, batch.simulator().journal().totalSubmissions(), "the service started the operation");

        Instant sentAt = operationRequests().get(0).time();
        long second;
        JobExecution uncertain;
        try (LogCapture log = new LogCapture()) {
            second = restart(first, params);
            uncertain = batch.runToEnd(second);
            String expected = "CCE POST /api/v3/projects/" + SubmitOperations.PROJECT + "/clusters/"
                    + SubmitOperations.CLUSTER + "/nodes may have been sent at or after " + sentAt;
            assertTrue(log.messages(Level.WARNING).stream().anyMatch(m -> m.contains(expected)),
                    () -> "a warning naming the operation and when it was sent: " + log.messages(Level.WARNING));
        }

        assertEquals(BatchStatus.FAILED, uncertain.getBatchStatus());
        assertEquals(SubmitCloudTaskBatchlet.SUBMISSION_UNCERTAIN, step(second, "submit").getExitStatus());
        assertEquals(1, operationRequests().size(), "the restart sent nothing");

        Map<String, String> resubmit = SubmitOperations.of(CloudService.CCE, "onUncertain", "RESUBMIT");
        long third = restart(second, resubmit);
        JobExecution done = batch.runToEnd(third);

        assertEquals(BatchStatus.COMPLETED, done.getBatchStatus(), () -> describe(third));
        assertEquals(2, operationRequests().size());
        assertEquals(2, batch.simulator().journal().totalSubmissions(), "exactly one more submission");
        assertEquals(operationRequests().get(1).taskId(), published(third).taskId());
    }

    @Test
    void stop_whileWaitingOutThrottling_stoppedAndRestartSendsAgain() {
        batch.simulator().faults().forEndpoint(Endpoint.SUBMIT).always(InjectedFault.throttled(Duration.ofSeconds(30)));
        long first = start(JOB, SubmitOperations.of(CloudService.DWS));
        BatchJobs.awaitCondition("a throttled operation request", () -> operationRequests().size() == 1);

        BatchJobs.operator().stop(first);
        JobExecution stopped = BatchJobs.awaitEnd(first);

        assertEquals(BatchStatus.STOPPED, stopped.getBatchStatus(), () -> describe(first));
        assertEquals(1, operationRequests().size(), "stopped without waiting out the 30 s");
        batch.simulator().faults().clear();
        long second = restart(first, SubmitOperations.of(CloudService.DWS));
        JobExecution done = batch.runToEnd(second);

        assertEquals(BatchStatus.COMPLETED, done.getBatchStatus(), () -> describe(second));
        assertEquals(1, batch.simulator().journal().totalSubmissions(), "nothing had started, so the restart sent it");
    }

    @Test
    void delete_connectionResetAfterAcceptance_sentOnceNeverRepeatedByTheClient() {
        batch.simulator().faults().forEndpoint(Endpoint.SUBMIT).next(1, InjectedFault.connectionReset());
        Map<String, String> params = SubmitOperations.of(CloudService.CCE, "method", "DELETE",
                "path", "/api/v3/projects/{projectId}/clusters/{clusterId}/nodes/{nodeId}", "body", "",
                "pathParams", "nodeId=5c8a1f2e-0d9c-11ef-9b2a-0255ac100b07");

        long id = start(JOB, params);
        batch.runToEnd(id);

        assertEquals(SubmitCloudTaskBatchlet.SUBMISSION_UNCERTAIN, step(id, "submit").getExitStatus(), () -> describe(id));
        assertEquals(1, operationRequests().size(), "neither the step nor the HTTP client sent the DELETE again");
        assertEquals("DELETE", operationRequests().get(0).method());
    }

    @Test
    void dcsConnectionDroppedAfterAcceptance_lookupAdoptsTheBackgroundTask() {
        batch.simulator().faults().forEndpoint(Endpoint.SUBMIT).next(1, InjectedFault.connectionReset());
        long first = start(JOB, SubmitOperations.of(CloudService.DCS));
        batch.runToEnd(first);
        assertEquals(SubmitCloudTaskBatchlet.SUBMISSION_UNCERTAIN, step(first, "submit").getExitStatus(), () -> describe(first));

        long second = restart(first, SubmitOperations.of(CloudService.DCS, "onUncertain", "lookup"));
        JobExecution job = batch.runToEnd(second);

        assertEquals(BatchStatus.COMPLETED, job.getBatchStatus(), () -> describe(second));
        assertEquals(1, operationRequests().size(), "found, not sent again");
        assertEquals(operationRequests().get(0).taskId(), published(second).taskId());
    }

    @Test
    void badPathValue_slashInClusterId_invalidPropertyAndNoRequest() {
        long id = start(JOB, SubmitOperations.of(CloudService.DWS, "clusterId", "c-1/../../admin"));
        batch.runToEnd(id);

        StepExecution submit = step(id, "submit");
        assertEquals(BatchStatus.FAILED, submit.getBatchStatus());
        assertEquals("INVALID_PROPERTY:clusterId", submit.getExitStatus());
        assertEquals(0, batch.simulator().journal().entries().size());
    }

    @Test
    void answerWithoutTaskId_noTaskIdAndRestartDoesNotSendAgain() {
        Map<String, String> params = SubmitOperations.of(CloudService.DWS, "taskIdPointer", "/jobs/0/id");
        long first = start(JOB, params);
        batch.runToEnd(first);
        assertEquals(SubmitCloudTaskBatchlet.NO_TASK_ID, step(first, "submit").getExitStatus(), () -> describe(first));

        long second = restart(first, params);
        batch.runToEnd(second);

        assertEquals(SubmitCloudTaskBatchlet.SUBMISSION_UNCERTAIN, step(second, "submit").getExitStatus());
        assertEquals(1, operationRequests().size());
    }

    @Test
    void dwsScaleOut_answeredWithoutJob_noTaskIdNamingTheAnswer() {
        long id = start(JOB, SubmitOperations.of(CloudService.DWS, "path", "/v1.0/{projectId}/clusters/{clusterId}/resize",
                "body", "{\"scale_out\":{\"count\":3}}"));
        batch.runToEnd(id);

        StepExecution submit = step(id, "submit");
        assertEquals(BatchStatus.FAILED, submit.getBatchStatus());
        assertEquals(SubmitCloudTaskBatchlet.NO_TASK_ID, submit.getExitStatus());
        assertEquals(List.of(200), batch.simulator().journal().entries().stream().map(JournalEntry::status).toList(),
                "sent once, accepted");
        assertTrue(batch.simulator().tasks().isEmpty(), "DWS starts no job it would name");
    }

    static String describe(long executionId) {
        JobExecution e = BatchJobs.operator().getJobExecution(executionId);
        StringBuilder sb = new StringBuilder("execution " + executionId + " " + e.getBatchStatus() + "/" + e.getExitStatus());
        for (StepExecution s : BatchJobs.operator().getStepExecutions(executionId)) {
            sb.append("; ").append(s.getStepName()).append('=').append(s.getBatchStatus()).append('/').append(s.getExitStatus());
        }
        return sb + "; journal " + batch.simulator().journal().entries();
    }
}
