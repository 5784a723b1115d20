package dev.cloudtask.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.ProgressEvent;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskState;
import dev.cloudtask.batch.PublishedTasks;
import dev.cloudtask.batch.TaskRefs;
import dev.cloudtask.dws.DwsJob;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.StepExecution;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The library as a user deploys it, in OpenLiberty and in Payara Micro: a WAR with the library in
 * {@code WEB-INF/lib}, the jobs {@code it-dws-resize} (the application's own submit step, then the
 * library's {@code awaitCloudTask} with {@code taskFromStep}), {@code it-submit-await} (the
 * library's {@code submitCloudTask}, then {@code awaitCloudTask}) and {@code it-submit-method}
 * ({@code submitCloudTask} with the method of a job parameter), and CDI beans that inject the library's
 * REST client. The backend is the test kit's {@code CloudSimulator}, started in the test JVM by
 * {@link SimulatorExtension} on the loopback port the servers' MicroProfile Config points at.
 *
 * <p>The test methods run inside the server: they drive the server's {@link JobOperator} and read
 * the simulator's counters over HTTP ({@link SimulatorAdmin}). Each test first resets the simulator,
 * so its counters belong to that test alone. Simulated jobs run for a few real seconds and the step
 * polls every 100–500 ms (job XML), so every test takes seconds.
 */
@ExtendWith(SimulatorExtension.class)
@ExtendWith(OtlpSinkExtension.class) // on OpenLiberty the server exports its spans there
@ExtendWith(ArquillianExtension.class)
class CloudTaskServerIT {

    private static final String JOB = "it-dws-resize";
    private static final String CONFIG_JOB = "it-dws-config";
    private static final String SUBMIT_JOB = "it-submit-await";
    private static final String METHOD_JOB = "it-submit-method";
    private static final String AUTH_JOB = "it-submit-await-auth";
    private static final String PROJECT = "05f2cff45100d5112f4bc00b794ea08e";
    private static final String INSTANCE = "5560df16-cebf-4473-95c4-d1b573c16e79";
    private static final String CLUSTER = "4d1ecb2c-229a-11e8-9c75-0255ac100ceb";
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(90);

    @Inject
    DwsJobReader reader;

    @Inject
    ProgressRecorder progress;

    @Inject
    @RestClient
    DwsOperationsClient operations;

    /** The WAR's own MicroProfile Config: fast intervals for every wait that sets none itself. */
    static final String WAR_CONFIG = """
            cloudtask.await.initialDelay=100ms
            cloudtask.await.firstInterval=200ms
            cloudtask.await.maxInterval=500ms
            """;

    @Deployment
    static WebArchive deployment() {
        return ItDeployments.war("cloudtask-it",
                new Class<?>[] {
                    DwsOperationsClient.class, ResizeClusterBatchlet.class, DwsJobReader.class,
                    ProgressRecorder.class, SimulatorAdmin.class, BatchAwait.class, SimulatorExtension.class,
                    OtlpSinkExtension.class
                },
                JOB, CONFIG_JOB, SUBMIT_JOB, METHOD_JOB, AUTH_JOB)
                .addAsResource(new StringAsset(WAR_CONFIG), "META-INF/microprofile-config.properties");
    }

    @Test
    void submitCloudTask_thenAwait_jobCompletedWithOneSubmissionOfThePublishedTask() throws Exception {
        SimulatorAdmin sim = SimulatorAdmin.fromConfig();
        sim.reset();
        JobOperator operator = BatchRuntime.getJobOperator();

        long executionId = operator.start(SUBMIT_JOB, parameters("dws-submit", "2s", null));
        JobExecution execution = BatchAwait.finished(operator, executionId, JOB_TIMEOUT);

        assertEquals(BatchStatus.COMPLETED, execution.getBatchStatus(), describe(operator, executionId));
        assertEquals("SUBMITTED", step(operator, executionId, "submit").getExitStatus());
        assertEquals("SUCCEEDED", step(operator, executionId, "await").getExitStatus());
        TaskRef ref = published(operator, executionId);
        JsonObject counters = sim.counters();
        assertEquals(1, counters.getInt("total_submissions"), counters.toString());
        assertEquals(1, counters.getJsonObject("tasks").getJsonObject(ref.taskId()).getInt("submissions"),
                "the published task is the one the operation started: " + counters);
        assertTrue(sim.polls(ref.taskId()) >= 2, "polls of a 2 s job: " + counters);
    }

    @Test
    void submitCloudTask_putAndPatch_goOnTheWireAsThemselves_overHttpAndHttps() throws Exception {
        // the server's REST client sends every method submitCloudTask accepts, over HTTP (DWS) and
        // over TLS (MRS Manager, trusted through its trust store as in production); no simulated
        // operation answers these paths, so the service's 404 fails the step
        JobOperator operator = BatchRuntime.getJobOperator();
        SimulatorAdmin http = SimulatorAdmin.fromConfig();
        SimulatorAdmin https = SimulatorAdmin.https();
        for (String service : List.of("dws", "mrs")) {
            SimulatorAdmin sim = service.equals("mrs") ? https : http;
            String path = service.equals("mrs") ? "/web/v1/method-check/method-check"
                    : "/v1.0/" + PROJECT + "/clusters/method-check/method-check";
            for (String method : List.of("PUT", "PATCH", "POST")) {
                sim.reset();
                Properties p = parameters("method-check", "2s", null);
                p.setProperty("service", service);
                p.setProperty("method", method);
                p.setProperty("path", path);
                if (service.equals("mrs")) {
                    p.remove("projectId"); // MRS Manager commands belong to no project
                }
                long executionId = operator.start(METHOD_JOB, p);
                JobExecution execution = BatchAwait.finished(operator, executionId, JOB_TIMEOUT);

                String what = service + " " + method + ": " + describe(operator, executionId);
                assertEquals(BatchStatus.FAILED, execution.getBatchStatus(), what);
                List<String> sent = sim.journal().getValuesAs(JsonObject.class).stream()
                        .filter(e -> e.getString("path").equals(path)) // not the Manager login before it
                        .map(e -> e.getString("method") + " " + e.getString("path") + " " + e.getInt("status"))
                        .toList();
                assertEquals(List.of(method + " " + path + " 404"), sent, what);
            }
        }
    }

    @Test
    void submitThenAwait_withCredentials_akSkCceIamTokenDcsManagerSessionMrs() throws Exception {
        // as in production: the simulators answer 401 to a CCE request without a valid AK/SK
        // signature, a DCS request without a valid IAM token, and an MRS request outside a Manager
        // login session (over TLS); the operations carry bodies and sim-* queries, which are signed
        JobOperator operator = BatchRuntime.getJobOperator();
        SimulatorAdmin gated = SimulatorAdmin.fromConfig("cloudtask-cce");
        SimulatorAdmin manager = SimulatorAdmin.https();
        gated.reset();
        manager.reset();
        String sim = "?sim-queued=0s&sim-duration=2s";
        Map<String, Properties> jobs = new LinkedHashMap<>();
        jobs.put("cce", authParameters("cce", "/api/v3/projects/" + PROJECT + "/clusters/" + CLUSTER + "/nodes" + sim,
                "{\"kind\":\"Node\",\"apiVersion\":\"v3\",\"spec\":{\"flavor\":\"s3.large.2\",\"count\":1}}"));
        jobs.put("dcs", authParameters("dcs", "/v2/" + PROJECT + "/instances/" + INSTANCE + "/resize" + sim,
                "{\"new_capacity\":4}"));
        jobs.get("dcs").setProperty("instanceId", INSTANCE);
        jobs.get("dcs").setProperty("taskName", "EXTEND");
        jobs.put("mrs", authParameters("mrs", "/web/v1/maintain/cluster/1/service/Spark2x/start" + sim, ""));
        jobs.get("mrs").remove("projectId");

        for (Map.Entry<String, Properties> job : jobs.entrySet()) {
            long executionId = operator.start(AUTH_JOB, job.getValue());
            JobExecution execution = BatchAwait.finished(operator, executionId, JOB_TIMEOUT);
            String what = job.getKey() + ": " + describe(operator, executionId);
            assertEquals(BatchStatus.COMPLETED, execution.getBatchStatus(), what);
            assertEquals("SUBMITTED", step(operator, executionId, "submit").getExitStatus(), what);
            assertEquals("SUCCEEDED", step(operator, executionId, "await").getExitStatus(), what);
        }
        List<JsonObject> gatedJournal = gated.journal().getValuesAs(JsonObject.class);
        List<JsonObject> managerJournal = manager.journal().getValuesAs(JsonObject.class);
        for (List<JsonObject> journal : List.of(gatedJournal, managerJournal)) {
            assertEquals(List.of(), journal.stream().filter(e -> e.getInt("status") == 401).toList(),
                    "requests without valid credentials");
        }
        assertTrue(gatedJournal.stream().anyMatch(e -> e.getString("endpoint").equals("IAM_TOKEN")
                && e.getInt("status") == 201), "an IAM token was issued: " + gatedJournal);
        assertEquals(List.of("cce", "dcs"), gatedJournal.stream().filter(e -> e.getString("endpoint").equals("SUBMIT"))
                .map(e -> e.getString("service")).toList(), "one operation each: " + gatedJournal);
        assertTrue(managerJournal.stream().anyMatch(e -> e.getString("endpoint").equals("MANAGER_LOGIN")),
                "a Manager login: " + managerJournal);
        assertEquals(1, managerJournal.stream().filter(e -> e.getString("endpoint").equals("SUBMIT")).count(),
                "one MRS command: " + managerJournal);
    }

    @Test
    void awaitCloudTask_remoteJobSucceeds_jobCompletedWithSucceeded() throws Exception {
        SimulatorAdmin sim = SimulatorAdmin.fromConfig();
        sim.reset();
        JobOperator operator = BatchRuntime.getJobOperator();

        long executionId = operator.start(JOB, parameters("dws-ok", "2s", null));
        JobExecution execution = BatchAwait.finished(operator, executionId, JOB_TIMEOUT);

        assertEquals(BatchStatus.COMPLETED, execution.getBatchStatus(), describe(operator, executionId));
        assertEquals("SUCCEEDED", step(operator, executionId, "await").getExitStatus());
        TaskRef ref = published(operator, executionId);
        JsonObject counters = sim.counters();
        assertEquals(1, counters.getInt("total_submissions"), counters.toString());
        assertTrue(sim.polls(ref.taskId()) >= 2, "polls of a 2 s job: " + counters);
        List<ProgressEvent> events = progress.of(ref);
        assertFalse(events.isEmpty(), "CDI progress events of " + ref.asString());
        assertEquals(TaskState.SUCCEEDED, events.get(events.size() - 1).current().state());
        List<String> ownPoolThreads = Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(name -> name.startsWith("cloudtask-scheduler-") || name.startsWith("cloudtask-await-"))
                .toList();
        assertEquals(List.of(), ownPoolThreads,
                "the engine polls on the server's managed scheduled executor, not on its Java SE daemon pool");
    }

    @Test
    void awaitCloudTask_remoteJobFails_stepFailedWithRemoteErrorCode() throws Exception {
        SimulatorAdmin.fromConfig().reset();
        JobOperator operator = BatchRuntime.getJobOperator();

        long executionId = operator.start(JOB, parameters("dws-fail", "1s", "DWS.0114"));
        JobExecution execution = BatchAwait.finished(operator, executionId, JOB_TIMEOUT);

        assertEquals(BatchStatus.FAILED, execution.getBatchStatus(), describe(operator, executionId));
        StepExecution await = step(operator, executionId, "await");
        assertEquals(BatchStatus.FAILED, await.getBatchStatus());
        assertEquals("FAILED:DWS.0114", await.getExitStatus());
        assertEquals(BatchStatus.COMPLETED, step(operator, executionId, "submit").getBatchStatus());
    }

    @Test
    void stopWhileWaiting_thenRestart_completesWithOneSubmission() throws Exception {
        SimulatorAdmin sim = SimulatorAdmin.fromConfig();
        sim.reset();
        JobOperator operator = BatchRuntime.getJobOperator();
        Properties parameters = parameters("dws-stop", "6s", null);

        long first = operator.start(JOB, parameters);
        BatchAwait.until("a published task that the await step has polled",
                () -> TaskRefs.lookup(operator, first, "submit")
                        .map(p -> p.refs().get(0).taskId())
                        .map(id -> uncheckedPolls(sim, id) >= 1)
                        .orElse(false),
                JOB_TIMEOUT);
        operator.stop(first);
        JobExecution stopped = BatchAwait.finished(operator, first, JOB_TIMEOUT);

        assertEquals(BatchStatus.STOPPED, stopped.getBatchStatus(), describe(operator, first));
        assertEquals("STOPPED", step(operator, first, "await").getExitStatus());
        TaskRef ref = published(operator, first);

        long second = operator.restart(first, parameters);
        JobExecution restarted = BatchAwait.finished(operator, second, JOB_TIMEOUT);

        assertEquals(BatchStatus.COMPLETED, restarted.getBatchStatus(), describe(operator, second));
        assertEquals("SUCCEEDED", step(operator, second, "await").getExitStatus());
        assertEquals(List.of("await"), stepNames(operator, second), "the submit step is not run again");
        JsonObject counters = sim.counters();
        assertEquals(1, counters.getInt("total_submissions"), counters.toString());
        assertEquals(1, counters.getJsonObject("tasks").size(), counters.toString());
        assertEquals(1, counters.getJsonObject("tasks").getJsonObject(ref.taskId()).getInt("submissions"));
    }

    @Test
    void serverConfiguration_timeoutAndIntervalsNotInJobXml_reachTheWait() throws Exception {
        SimulatorAdmin sim = SimulatorAdmin.fromConfig();
        sim.reset();
        JobOperator operator = BatchRuntime.getJobOperator();

        long executionId = operator.start(CONFIG_JOB, parameters("dws-config", "60s", null));
        JobExecution execution = BatchAwait.finished(operator, executionId, JOB_TIMEOUT);

        assertEquals(BatchStatus.FAILED, execution.getBatchStatus(), describe(operator, executionId));
        StepExecution await = step(operator, executionId, "await");
        assertEquals("TIMED_OUT", await.getExitStatus(),
                "the server's cloudtask.dws.await.timeout=3s ends the wait for a 60 s job");
        long waited = await.getEndTime().getTime() - await.getStartTime().getTime();
        assertTrue(waited >= 3_000 && waited < 30_000, "the step waited " + waited + " ms");
        int polls = sim.polls(published(operator, executionId).taskId());
        assertTrue(polls >= 4, "the WAR's cloudtask.await.* intervals (100ms, 200ms, 500ms) give several polls in"
                + " 3 s; the defaults (1 s, then 3 s) would give one or two: " + polls);
    }

    @Test
    void restClient_injectedIntoApplicationBean_readsSimulatorJob() throws Exception {
        SimulatorAdmin sim = SimulatorAdmin.fromConfig();
        sim.reset();
        String jobId = operations.resize(PROJECT, "dws-read", "0s", "10m", null, "growCluster",
                Json.createObjectBuilder().build()).getString("job_id");

        DwsJob job = reader.job(PROJECT, jobId);

        assertEquals(jobId, job.jobId());
        assertEquals("growCluster", job.jobName());
        assertEquals("RUNNING", job.status());
        assertEquals(TaskState.RUNNING, reader.status(PROJECT, jobId).state());
        assertEquals(2, sim.polls(jobId));
    }

    private static Properties authParameters(String service, String path, String body) {
        Properties p = new Properties();
        p.setProperty("service", service);
        p.setProperty("path", path);
        p.setProperty("projectId", PROJECT);
        p.setProperty("body", body);
        return p;
    }

    private static Properties parameters(String clusterId, String duration, String failCode) {
        Properties p = new Properties();
        p.setProperty("projectId", PROJECT);
        p.setProperty("clusterId", clusterId);
        p.setProperty("duration", duration);
        if (failCode != null) {
            p.setProperty("failCode", failCode);
        }
        return p;
    }

    private static int uncheckedPolls(SimulatorAdmin sim, String taskId) {
        try {
            return sim.polls(taskId);
        } catch (Exception e) {
            throw new IllegalStateException("reading the simulator's counters failed", e);
        }
    }

    private static TaskRef published(JobOperator operator, long executionId) {
        PublishedTasks tasks = TaskRefs.lookup(operator, executionId, "submit")
                .orElseThrow(() -> new AssertionError("step 'submit' of execution " + executionId + " published nothing"));
        assertEquals(1, tasks.refs().size(), tasks.toString());
        return tasks.refs().get(0);
    }

    private static StepExecution step(JobOperator operator, long executionId, String name) {
        return operator.getStepExecutions(executionId).stream()
                .filter(s -> name.equals(s.getStepName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no step '" + name + "' in " + describe(operator, executionId)));
    }

    private static List<String> stepNames(JobOperator operator, long executionId) {
        return operator.getStepExecutions(executionId).stream().map(StepExecution::getStepName).toList();
    }

    private static String describe(JobOperator operator, long executionId) {
        JobExecution execution = operator.getJobExecution(executionId);
        return "execution " + executionId + " " + execution.getBatchStatus() + "/" + execution.getExitStatus()
                + " steps " + operator.getStepExecutions(executionId).stream()
                        .map(s -> s.getStepName() + "=" + s.getBatchStatus() + "/" + s.getExitStatus())
                        .collect(Collectors.joining(", "));
    }
}
