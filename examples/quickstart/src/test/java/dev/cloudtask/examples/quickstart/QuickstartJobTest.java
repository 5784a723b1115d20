package dev.cloudtask.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.testkit.CloudSimulator;
import dev.cloudtask.testkit.Endpoint;
import dev.cloudtask.testkit.JournalEntry;
import dev.cloudtask.testkit.SimAuthMode;
import dev.cloudtask.testkit.Timeline;
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

    /**
     * The quickstart's remote work, shortened to fit the job's 1m await timeout, which here runs on
     * the simulator's clock: the simulator's timelines for the operations, and the same as job
     * parameters for a job that passes them with its requests.
     */
    private static final Map<String, String> WORK = Map.of(
            "simulate.node", "queued=5s;duration=40s",
            "simulate.cache", "queued=2s;duration=30s",
            "simulate.warehouse", "queued=5s;duration=45s;fail_code=DWS.0114;fail_at=40",
            "simulate.restart", "queued=1s;duration=20s");

    @BeforeAll
    static void prepare(CloudSimulator sim) {
        // the submit steps' REST clients read their URLs and passwords from MicroProfile Config
        QuickstartMain.pointClientsAt(sim.baseUrl(), sim.credentials());
        sim.defaultTimeline(CloudService.CCE, Timeline.builder().queuedFor(Duration.ofSeconds(5))
                .duration(Duration.ofSeconds(40)).build());
        sim.defaultTimeline(CloudService.DCS, Timeline.builder().queuedFor(Duration.ofSeconds(2))
                .duration(Duration.ofSeconds(30)).build());
        sim.defaultTimeline(CloudService.DWS, Timeline.builder().queuedFor(Duration.ofSeconds(5))
                .duration(Duration.ofSeconds(45)).fails("DWS.0114", "ELB private IP is not configured.", 40).build());
        sim.defaultTimeline(CloudService.MRS, Timeline.builder().queuedFor(Duration.ofSeconds(1))
                .duration(Duration.ofSeconds(20)).build());
    }

    @Test
    void quickstart_warehouseResizeFailsRemotely_operatorsNotifiedAndJobCompletes(SimBatch batch, CloudSimulator sim) {
        Map<String, String> params = new HashMap<>();
        QuickstartMain.jobParameters().forEach((k, v) -> params.put((String) k, (String) v));
        params.replaceAll((k, v) -> WORK.getOrDefault(k, v));
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
