package dev.cloudtask.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.testkit.CloudSimulator;
import dev.cloudtask.testkit.Endpoint;
import dev.cloudtask.testkit.JournalEntry;
import dev.cloudtask.testkit.SimAuthMode;
import dev.cloudtask.testkit.WithCloudSimulator;
import dev.cloudtask.testkit.batch.BatchJobs;
import dev.cloudtask.testkit.batch.SimBatch;
import dev.cloudtask.testkit.batch.WithJBatch;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.StepExecution;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The quickstart job with the test kit's two JUnit 5 extensions: the simulator requires IAM tokens
 * and an MRS Manager session, as in {@link QuickstartMain}, and the job runs on the jbatch runtime in
 * the simulator's virtual time, so the minutes of remote work pass without waiting for them.
 */
@WithCloudSimulator(auth = SimAuthMode.IAM_TOKEN, managerSession = true)
@WithJBatch
class QuickstartJobTest {

    /** The submit steps' own REST clients read their URLs and passwords from MicroProfile Config. */
    @BeforeAll
    static void pointSubmitStepsAt(CloudSimulator sim) {
        QuickstartMain.pointClientsAt(sim.baseUrl(), sim.credentials());
    }

    @Test
    void quickstart_warehouseResizeFailsRemotely_operatorsNotifiedAndJobCompletes(SimBatch batch, CloudSimulator sim) {
        Map<String, String> params = new HashMap<>();
        QuickstartMain.jobParameters().forEach((k, v) -> params.put((String) k, (String) v));
        // the job's await steps time out after 1m of the engine's clock, which here is the simulator's
        params.put("simulate.node", "queued=5s;duration=40s");
        params.put("simulate.cache", "queued=2s;duration=30s");
        params.put("simulate.warehouse", "queued=5s;duration=45s;fail_code=DWS.0114;fail_at=40");
        params.put("simulate.restart", "queued=1s;duration=20s");
        Instant start = sim.clock().instant();

        JobExecution run = batch.run(QuickstartMain.JOB, params);

        assertEquals(BatchStatus.COMPLETED, run.getBatchStatus(), "exit status " + run.getExitStatus());
        Map<String, String> exits = new HashMap<>();
        for (StepExecution step : BatchJobs.operator().getStepExecutions(run.getExecutionId())) {
            exits.put(step.getStepName(), step.getExitStatus());
        }
        assertEquals(QuickstartMain.EXPECTED, exits, "every step ran once and ended as the quickstart expects");

        List<String> tasks = batch.submittedTaskIds();
        assertEquals(4, tasks.size(), "one operation per service: " + tasks);
        for (String task : tasks) {
            assertTrue(batch.polls(task) >= 2, "task " + task + " polled until it ended: " + batch.polls(task));
        }
        List<JournalEntry> logins = sim.journal().entries(e -> e.endpoint() == Endpoint.IAM_TOKEN
                || e.endpoint() == Endpoint.MANAGER_LOGIN);
        assertFalse(logins.isEmpty(), "the clients logged in to IAM and the MRS Manager");
        assertTrue(sim.journal().entries(e -> e.status() == 401).isEmpty(), "no request went unauthenticated");
        assertTrue(Duration.between(start, sim.clock().instant()).compareTo(Duration.ofSeconds(40)) >= 0,
                "the remote work took its simulated time: " + Duration.between(start, sim.clock().instant()));
    }
}
