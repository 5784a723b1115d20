package dev.cloudtask.testkit.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import dev.cloudtask.testkit.CloudSimulator;
import dev.cloudtask.testkit.Endpoint;
import dev.cloudtask.testkit.SimAuthMode;
import dev.cloudtask.testkit.Timeline;
import dev.cloudtask.testkit.VirtualClock;
import dev.cloudtask.testkit.WithCloudSimulator;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The batch extension as a user meets it: injection, a job against a simulator that requires IAM
 * tokens (the harness's status requests authenticate), virtual time shared with the simulator, and
 * the refusals.
 */
@WithCloudSimulator(auth = SimAuthMode.IAM_TOKEN)
@WithJBatch
class JBatchExtensionTest {
    static SimBatch shared;
    SimBatch field;

    @BeforeAll
    static void beforeAll(SimBatch fromParameter, CloudSimulator sim) {
        assertNotNull(shared, "static field injected before @BeforeAll");
        assertSame(shared, fromParameter);
        assertSame(sim, shared.simulator(), "connected to the class's simulator");
    }

    @Test
    void injection_fieldAndParameter_sameHarnessAsCurrent(SimBatch param) {
        assertSame(shared, param);
        assertSame(shared, field);
        assertSame(shared, SimBatch.current());
    }

    @Test
    void job_simulatorRequiresTokens_stepSucceedsInVirtualTimeWithAuthenticatedPolls(SimBatch batch, CloudSimulator sim,
            VirtualClock clock) {
        TaskRef ref = sim.createTask(CloudService.DWS, Timeline.builder().duration(Duration.ofMinutes(90)).build());
        Instant before = clock.instant();

        JobExecution run = batch.run("await-success", Map.of("service", ref.service().name().toLowerCase(Locale.ROOT),
                "jobId", ref.taskId(), "projectId", ref.projectId()));

        assertEquals(BatchStatus.COMPLETED, run.getBatchStatus());
        assertEquals("SUCCEEDED", BatchJobs.step(run.getExecutionId(), "awaitNode").getExitStatus());
        assertSame(clock, batch.clock(), "the engine reads the simulator's virtual clock");
        assertTrue(Duration.between(before, clock.instant()).compareTo(Duration.ofMinutes(90)) >= 0,
                "the remote 90 minutes passed in virtual time: " + Duration.between(before, clock.instant()));
        assertTrue(batch.polls(ref) >= 2, "polled until the end: " + batch.polls(ref));
        assertEquals(1, batch.requests(Endpoint.IAM_TOKEN).size(), "one token for all polls");
        assertTrue(sim.journal().entries(e -> e.status() == 401).isEmpty(), "no poll went without a token");
        assertEquals(0, batch.activeWaits());
    }

    @Test
    void connect_whileConnected_refusedNamingTheConnectedSimulator() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> SimBatch.connect(
                    URI.create("http://127.0.0.1:1"), scheduler, java.time.Clock.systemUTC(), Duration.ofSeconds(5)));
            assertTrue(e.getMessage().contains(shared.baseUri().toString()), e.getMessage());
            assertSame(shared, SimBatch.current(), "the connected harness stays");
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void connect_httpsSimulator_refusedNamingIt() {
        try (CloudSimulator https = CloudSimulator.builder().https().start()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimBatch.connect(https));
            assertTrue(e.getMessage().contains(https.baseUrl()) && e.getMessage().contains("HTTPS"), e.getMessage());
        }
    }
}
