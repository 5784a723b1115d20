package dev.cloudtask.batch;

import static dev.cloudtask.batch.BatchJobs.start;
import static dev.cloudtask.batch.BatchJobs.step;
import static dev.cloudtask.batch.SimBatch.runToEnd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.auth.CloudAuth;
import dev.cloudtask.testkit.AuthMode;
import dev.cloudtask.testkit.CloudSimulator;
import dev.cloudtask.testkit.Endpoint;
import dev.cloudtask.testkit.JournalEntry;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * submitCloudTask then awaitCloudTask in every authentication mode: the simulator demands an IAM
 * token or an AK/SK signature from CCE, DCS and DWS requests and a Manager session from MRS
 * requests, and answers 401 otherwise. Strategy: wire the jobs' clients with the credentials of one
 * mode (as an application does in Java SE), run the job in virtual time, and check that the
 * operation and the polls passed the gate (no 401 in the journal) and that exactly one task started.
 */
class SubmitAuthModesJobTest {
    @RegisterExtension
    static final SimBatch BATCH = SimBatch.perClass(b -> b.auth(AuthMode.IAM_TOKEN_OR_AKSK).managerSessionRequired(true));

    @AfterEach
    void plainClientsAgain() {
        SimBatch.use(SimBatch.sim().baseUri());
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({"cce, iam", "cce, aksk", "dcs, iam", "dcs, aksk", "dws, iam", "dws, aksk", "mrs, direct", "mrs, cas"})
    void submitThenAwait_authMode_completedWithOneSubmissionAndNoRejectedRequest(String service, String mode) {
        CloudSimulator sim = SimBatch.sim();
        CloudService s = CloudService.parse("service", service);
        SimBatch.use(sim.baseUri(), CloudAuth.fromConfig(config(credentials(sim, mode)), SimBatch.clock()));

        long id = start(SubmitCloudTaskJobTest.JOB, SubmitOperations.of(s));
        JobExecution job = runToEnd(id);

        assertEquals(BatchStatus.COMPLETED, job.getBatchStatus(), () -> SubmitCloudTaskJobTest.describe(id));
        assertEquals(SubmitCloudTaskBatchlet.SUBMITTED, step(id, "submit").getExitStatus());
        assertEquals(1, sim.journal().totalSubmissions());
        List<JournalEntry> served = sim.journal().entries(e -> e.endpoint() == Endpoint.SUBMIT
                || e.endpoint() == Endpoint.POLL || e.endpoint() == Endpoint.TASK_LIST);
        assertTrue(served.stream().noneMatch(e -> e.status() == 401), () -> "rejected requests: " + served);
        assertTrue(served.stream().anyMatch(e -> e.endpoint() == Endpoint.POLL && e.status() == 200));
    }

    private static Map<String, String> credentials(CloudSimulator sim, String mode) {
        Map<String, String> m = new HashMap<>();
        switch (mode) {
            case "iam" -> {
                for (String s : List.of("cce", "dcs", "dws")) {
                    m.put("cloudtask." + s + ".auth", "iam");
                }
                m.put("cloudtask.iam.url", sim.baseUrl());
                m.put("cloudtask.iam.user", sim.credentials().iamUser());
                m.put("cloudtask.iam.password", sim.credentials().iamPassword());
                m.put("cloudtask.iam.domain", sim.credentials().iamDomain());
                m.put("cloudtask.iam.project-name", "eu-de");
            }
            case "aksk" -> {
                for (String s : List.of("cce", "dcs", "dws")) {
                    m.put("cloudtask." + s + ".auth", "aksk");
                }
                m.put("cloudtask.aksk.access-key", sim.credentials().accessKey());
                m.put("cloudtask.aksk.secret-key", sim.credentials().secretKey());
            }
            default -> {
                m.put("cloudtask.mrs.auth", "mrs-session");
                m.put("cloudtask.mrs.session.manager-url", sim.baseUrl());
                m.put("cloudtask.mrs.session.login", mode);
                m.put("cloudtask.mrs.session.cas-url", sim.baseUrl());
                m.put("cloudtask.mrs.session.user", sim.credentials().managerUser());
                m.put("cloudtask.mrs.session.password", sim.credentials().managerPassword());
            }
        }
        return m;
    }

    private static org.eclipse.microprofile.config.Config config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "submit-auth-test", 500))
                .build();
    }
}
