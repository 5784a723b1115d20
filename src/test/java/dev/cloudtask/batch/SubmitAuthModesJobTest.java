package dev.cloudtask.batch;

import static dev.cloudtask.testkit.batch.BatchJobs.start;
import static dev.cloudtask.testkit.batch.BatchJobs.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.testkit.CloudSimulator;
import dev.cloudtask.testkit.Endpoint;
import dev.cloudtask.testkit.JournalEntry;
import dev.cloudtask.testkit.SimAuthMode;
import dev.cloudtask.testkit.WithCloudSimulator;
import dev.cloudtask.testkit.batch.SimBatch;
import dev.cloudtask.testkit.batch.WithJBatch;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * submitCloudTask then awaitCloudTask in every authentication mode: the simulator demands an IAM
 * token or an AK/SK signature from CCE, DCS and DWS requests and a Manager session from MRS
 * requests, and answers 401 otherwise; the harness wires the jobs' clients with the credentials the
 * simulator requires, as an application does. Strategy: run the job in virtual time and check that
 * the operation and the polls passed the gate (no 401 in the journal) and that exactly one task
 * started.
 */
class SubmitAuthModesJobTest {

    static void submitThenAwait(SimBatch batch, CloudService service) {
        CloudSimulator sim = batch.simulator();
        long id = start(SubmitCloudTaskJobTest.JOB, SubmitOperations.of(service));
        JobExecution job = batch.runToEnd(id);

        assertEquals(BatchStatus.COMPLETED, job.getBatchStatus(), () -> "execution " + id + ": " + sim.journal().entries());
        assertEquals(SubmitCloudTaskBatchlet.SUBMITTED, step(id, "submit").getExitStatus());
        assertEquals(1, sim.journal().totalSubmissions());
        List<JournalEntry> served = sim.journal().entries(e -> e.endpoint() == Endpoint.SUBMIT
                || e.endpoint() == Endpoint.POLL || e.endpoint() == Endpoint.TASK_LIST);
        assertTrue(served.stream().noneMatch(e -> e.status() == 401), () -> "rejected requests: " + served);
        assertTrue(served.stream().anyMatch(e -> e.endpoint() == Endpoint.POLL && e.status() == 200));
    }

    /** IAM tokens for CCE, DCS and DWS; a Manager session (direct login) for MRS. */
    @Nested
    @WithCloudSimulator(auth = SimAuthMode.IAM_TOKEN, managerSession = true)
    @WithJBatch
    class IamTokenAndManagerSession {
        @ParameterizedTest
        @EnumSource(CloudService.class)
        void submitThenAwait_completedWithOneSubmissionAndNoRejectedRequest(CloudService service, SimBatch batch) {
            submitThenAwait(batch, service);
        }
    }

    /** AK/SK signatures for CCE, DCS and DWS (the signature covers the operation's path and query). */
    @Nested
    @WithCloudSimulator(auth = SimAuthMode.AKSK)
    @WithJBatch
    class AkSkSignature {
        @ParameterizedTest
        @EnumSource(value = CloudService.class, names = {"CCE", "DCS", "DWS"})
        void submitThenAwait_completedWithOneSubmissionAndNoRejectedRequest(CloudService service, SimBatch batch) {
            submitThenAwait(batch, service);
        }
    }
}
