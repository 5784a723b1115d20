package dev.cloudtask.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import dev.cloudtask.it.DwsOperationsClient;
import dev.cloudtask.testkit.CloudSimulator;
import dev.cloudtask.testkit.Endpoint;
import dev.cloudtask.testkit.InjectedFault;
import dev.cloudtask.testkit.JournalEntry;
import dev.cloudtask.testkit.SimTask;
import dev.cloudtask.testkit.TaskCounters;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import dev.cloudtask.it.ItDeployments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A two-member OpenLiberty batch cluster, for real: PostgreSQL as the shared job repository, the
 * embedded messaging engine on member 1, both members configured from {@code server-config/} as
 * shipped ({@code cloudtask.cluster=messaging-engine} and {@code member}), the application WAR on
 * both, and the cloud simulator in this JVM. Member 1 takes jobs and partitions from the queue,
 * member 2 partitions only, so the job (and its top-level thread) runs on member 1 and the partitions
 * spread over both.
 *
 * <p>Each case submits the job through member 1's batch REST API and kills member 2's JVM with
 * SIGKILL while its partitions wait. Member 2 is started again (Liberty then marks the partitions it
 * ran as failed, so the job's step fails once member 1's partitions have waited their tasks out),
 * and the job is restarted through member 1's REST API: only the partitions that died with member 2
 * run again, and they resume waiting for the same tasks. The report ({@code target/failsafe-reports/cluster-topology.txt} and
 * the test's output) shows which partition ran where, which member was killed and the submissions
 * per task.
 *
 * <p>Runs only in the failsafe execution {@code cluster-it}, which sets {@code it.cluster.dir}.
 */
@EnabledIfSystemProperty(named = "it.cluster.dir", matches = ".+")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String APP = "cloudtask-cluster";
    private static final String JOB = "cluster-partitions";
    private static final String STEP = "awaitEach";
    private static final String PROJECT = CloudSimulator.DEFAULT_PROJECT_ID;
    private static final int TASKS = 6;
    private static final String ADMIN = "batchadmin";
    private static final String ADMIN_PASSWORD = "cluster-it-only";
    private static final String KEYSTORE_PASSWORD = "cluster-it-keystore";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    /** Liberty's header of a partition job log: the partition's plan properties, with its task. */
    private static final Pattern PARTITION_TASK = Pattern.compile("Partition Properties = \\{.*?\\btasks=([^,}\\s]+)");
    /** Liberty's message at the end of a partition (CWWKY0013I). */
    private static final Pattern PARTITION_ENDED = Pattern.compile(
            "CWWKY0013I: Partition (\\d+) ended with batch status (\\S+) and exit status (\\S+) for step");

    private static Path dir;
    private static CloudSimulator sim;
    private static PostgresServer postgres;
    private static LibertyMember member1;
    private static LibertyMember member2;
    private static BatchRest rest1;
    private static Path keystore;
    private static Path war;
    private static Path serverConfig;
    private static final List<String> report = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        Instant t0 = Instant.now();
        dir = Paths.get(System.getProperty("it.cluster.dir"));
        Files.createDirectories(dir);
        serverConfig = Paths.get(System.getProperty("it.server.config"));
        Path wlp = Paths.get(System.getProperty("it.liberty.wlp"));

        sim = CloudSimulator.builder().port(Integer.getInteger("it.sim.port")).start();
        postgres = PostgresServer.start(dir, Integer.getInteger("it.cluster.postgres.port"));
        postgres.createDatabase("batch", "batch", "cluster-it-db", "jbatch");

        keystore = dir.resolve("key.p12");
        Files.deleteIfExists(keystore);
        keytool(keystore);
        war = dir.resolve(APP + ".war");
        WebArchive archive = ItDeployments.war(APP,
                new Class<?>[] {DwsOperationsClient.class, SubmitResizesBatchlet.class}, JOB);
        archive.as(ZipExporter.class).exportTo(war.toFile(), true);

        member1 = new LibertyMember(wlp, "cloudtask-member1", Integer.getInteger("it.cluster.member1.https.port"));
        member2 = new LibertyMember(wlp, "cloudtask-member2", Integer.getInteger("it.cluster.member2.https.port"));
        member1.create(serverConfig, variables(1, "messaging-engine",
                "com_ibm_ws_batch_work_type = 'Job' OR com_ibm_ws_batch_work_type = 'Partition'"), jvmOptions(), keystore, war);
        member2.create(serverConfig, variables(2, "member", "com_ibm_ws_batch_work_type = 'Partition'"),
                jvmOptions(), keystore, war);
        // member 1 first: it hosts the messaging engine and creates the job repository's tables
        member1.start(APP, START_TIMEOUT);
        member2.start(APP, START_TIMEOUT);
        rest1 = new BatchRest(member1.httpsPort(), keystore, KEYSTORE_PASSWORD.toCharArray(), ADMIN, ADMIN_PASSWORD);
        report("cluster up in " + Duration.between(t0, Instant.now()).toSeconds() + " s: " + member1.name()
                + " (messaging engine; jobs and partitions), " + member2.name() + " (partitions), PostgreSQL on port "
                + postgres.port());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        try {
            for (LibertyMember m : new LibertyMember[] {member2, member1}) {
                if (m != null) {
                    m.stop();
                }
            }
            if (postgres != null) {
                postgres.close();
            }
            if (sim != null) {
                sim.close();
            }
        } finally {
            Path out = Paths.get(System.getProperty("basedir", "."), "target", "failsafe-reports", "cluster-topology.txt");
            Files.createDirectories(out.getParent());
            Files.write(out, report, StandardCharsets.UTF_8);
        }
    }

    @Test
    @Order(1)
    void memberKilledWhileItsPartitionsWait_restartOnSurvivor_completesWithOneSubmissionPerTask() throws Exception {
        runCase("kill during waits", false);
    }

    @Test
    @Order(2)
    void memberKilledWhileItsStatusRequestsHang_restartOnSurvivor_completesWithOneSubmissionPerTask() throws Exception {
        runCase("kill during hanging status requests", true);
    }

    private void runCase(String name, boolean hang) throws Exception {
        Instant t0 = Instant.now();
        if (!member2.alive()) {
            member2.start(APP, START_TIMEOUT);
        }
        sim.reset();
        JsonObject instance = rest1.submit(APP, JOB, Map.of("projectId", PROJECT, "count", String.valueOf(TASKS),
                "duration", "60s"));
        long instanceId = instance.getJsonNumber("instanceId").longValue();
        long first = rest1.awaitExecution(instanceId, 0, Duration.ofSeconds(60), "STARTED")
                .getJsonNumber("executionId").longValue();

        // every partition started and waits; where did each one go?
        Map<String, String> placement = awaitPlacement(first, Duration.ofSeconds(90));
        List<String> onMember2 = placement.entrySet().stream().filter(e -> e.getValue().equals(member2.name()))
                .map(Map.Entry::getKey).toList();
        report("[" + name + "] job instance " + instanceId + ", execution " + first + ": partitions "
                + describePlacement(first));
        assertFalse(onMember2.isEmpty(), "no partition ran on " + member2.name() + ": " + placement);
        assertTrue(placement.containsValue(member1.name()), "no partition ran on " + member1.name() + ": " + placement);

        if (hang) {
            for (String ref : onMember2) {
                sim.faults().forTask(TaskRef.parse(ref).taskId()).always(InjectedFault.hang());
            }
            Instant hungSince = Instant.now();
            for (String ref : onMember2) {
                awaitHangingRequest(TaskRef.parse(ref).taskId(), hungSince, Duration.ofSeconds(30));
            }
            report("[" + name + "] status requests of " + onMember2 + " hang on the simulator");
        }
        TaskRef anyTask = TaskRef.parse(onMember2.get(0));
        assertTrue(Instant.now().isBefore(simTask(anyTask).endsAt()), "the kill must come while the tasks run");
        long pid = member2.kill();
        report("[" + name + "] killed " + member2.name() + " (SIGKILL to JVM pid " + pid + ") "
                + Duration.between(t0, Instant.now()).toSeconds() + " s after submission, while its partitions "
                + onMember2 + " waited");
        sim.faults().clear();

        // Liberty keeps the dead member's partitions STARTED in the job repository (and refuses to
        // restart the job) until that member starts again and marks them failed, which it does when
        // it first uses the job repository (here: a request to its batch REST API); the job's member
        // then ends the step FAILED once its own partitions have waited their tasks out
        Instant killedAt = Instant.now();
        member2.start(APP, START_TIMEOUT);
        new BatchRest(member2.httpsPort(), keystore, KEYSTORE_PASSWORD.toCharArray(), ADMIN, ADMIN_PASSWORD)
                .instance(instanceId);
        report("[" + name + "] " + member2.name() + " started again "
                + Duration.between(killedAt, Instant.now()).toSeconds() + " s after the kill and marked its lost partitions failed");
        JsonObject failed = rest1.awaitExecution(instanceId, first - 1, Duration.ofSeconds(180), "FAILED", "STOPPED",
                "COMPLETED");
        assertEquals("FAILED", failed.getString("batchStatus"), "the first execution after the kill: " + failed);
        Map<String, String> exits = new TreeMap<>(endings(member1, first));
        assertEquals(placement.size() - onMember2.size(), exits.size(),
                "the partitions on " + member1.name() + " waited their tasks out: " + exits);
        rest1.restart(instanceId);
        JsonObject restarted = rest1.awaitExecution(instanceId, first, Duration.ofSeconds(180), "COMPLETED", "FAILED",
                "STOPPED", "ABANDONED");
        long second = restarted.getJsonNumber("executionId").longValue();
        report("[" + name + "] execution " + first + " FAILED; restart through " + member1.name()
                + "'s REST API: execution " + second + " " + restarted.getString("batchStatus") + ", partitions run again "
                + describePlacement(second));
        assertEquals("COMPLETED", restarted.getString("batchStatus"), restarted.toString());

        // every partition ended SUCCEEDED: the survivors' in the first execution, the lost ones after the restart
        Map<String, String> rerun = new TreeMap<>(endings(member1, second));
        rerun.putAll(endings(member2, second));
        Map<String, String> rerunOn = new TreeMap<>();
        endings(member1, second).keySet().forEach(ref -> rerunOn.put(ref, member1.name()));
        endings(member2, second).keySet().forEach(ref -> rerunOn.put(ref, member2.name()));
        exits.putAll(rerun);
        assertEquals(new TreeSet<>(onMember2), rerun.keySet(),
                "the restart ran again exactly the partitions that died with " + member2.name());
        assertEquals(new TreeSet<>(placement.keySet()), exits.keySet(), "every task's partition ended: " + exits);
        exits.forEach((ref, exit) -> assertEquals("COMPLETED/SUCCEEDED", exit, "the partition waiting for " + ref));

        // one submission per task, and each was waited to its end
        List<String> counts = new ArrayList<>();
        for (String ref : placement.keySet()) {
            TaskRef task = TaskRef.parse(ref);
            TaskCounters c = sim.counters(task);
            Instant end = simTask(task).endsAt();
            boolean seenEnd = sim.journal().entries(e -> task.taskId().equals(e.taskId())
                    && e.endpoint() == Endpoint.POLL && e.status() == 200 && !e.time().isBefore(end)).size() > 0;
            counts.add(task.taskId() + ": submissions=" + c.submissions() + " polls=" + c.polls()
                    + " ran on " + placement.get(ref)
                    + (rerunOn.containsKey(ref) ? " (killed), again on " + rerunOn.get(ref) + " after the restart" : "")
                    + " polled after its end=" + seenEnd);
            assertEquals(1, c.submissions(), "submissions of " + ref);
            assertTrue(seenEnd, "a poll of " + ref + " after its end at " + end);
        }
        assertEquals(TASKS, sim.journal().totalSubmissions(), "submissions in this case");
        report("[" + name + "] per task: " + String.join("; ", counts));
        report("[" + name + "] took " + Duration.between(t0, Instant.now()).toSeconds() + " s");
    }

    /**
     * Task reference to member name, from the partitions' job logs: a member writes the job log of
     * each partition it runs under its own {@code logs/joblogs/}, and Liberty's header names the
     * partition's plan properties.
     */
    private static Map<String, String> awaitPlacement(long executionId, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, String> placement = new LinkedHashMap<>();
        while (Instant.now().isBefore(deadline)) {
            placement.clear();
            for (LibertyMember m : List.of(member1, member2)) {
                for (String log : m.partitionLogs(executionId, STEP).values()) {
                    Matcher matcher = PARTITION_TASK.matcher(log);
                    if (matcher.find()) {
                        placement.put(matcher.group(1), m.name());
                    }
                }
            }
            // all started, and the simulator saw every task polled (the partitions wait)
            if (placement.size() == TASKS && placement.keySet().stream()
                    .allMatch(ref -> sim.counters(TaskRef.parse(ref)).polls() > 0)) {
                return placement;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("not every partition of execution " + executionId + " started within "
                + timeout + ": " + placement);
    }

    /** "member[partition=task, ...]" for both members, from the job logs of one execution. */
    private static String describePlacement(long executionId) throws IOException {
        List<String> out = new ArrayList<>();
        for (LibertyMember m : List.of(member1, member2)) {
            List<String> parts = new ArrayList<>();
            m.partitionLogs(executionId, STEP).forEach((number, log) -> {
                Matcher matcher = PARTITION_TASK.matcher(log);
                parts.add(number + "=" + (matcher.find() ? TaskRef.parse(matcher.group(1)).taskId() : "?"));
            });
            out.add(m.name() + parts);
        }
        return String.join(" ", out);
    }

    /** Task reference to "batch status/exit status" of its partition on this member in this execution. */
    private static Map<String, String> endings(LibertyMember m, long executionId) throws IOException {
        Map<String, String> exits = new TreeMap<>();
        for (String log : m.partitionLogs(executionId, STEP).values()) {
            Matcher task = PARTITION_TASK.matcher(log);
            Matcher ended = PARTITION_ENDED.matcher(log);
            if (task.find() && ended.find()) {
                exits.put(task.group(1), ended.group(2) + "/" + ended.group(3));
            }
        }
        return exits;
    }

    private static void awaitEnded(LibertyMember m, long executionId, int count, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (endings(m, executionId).size() >= count) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(count + " partitions on " + m.name() + " did not end within " + timeout
                + ": " + endings(m, executionId));
    }

    private static void awaitHangingRequest(String taskId, Instant since, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            List<JournalEntry> hung = sim.journal().entries(e -> taskId.equals(e.taskId()) && e.status() == 0
                    && !e.time().isBefore(since));
            if (!hung.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no hanging status request for task " + taskId + " within " + timeout);
    }

    private static SimTask simTask(TaskRef ref) {
        return sim.task(CloudService.DWS, ref.taskId())
                .orElseThrow(() -> new IllegalStateException("the simulator has no task " + ref));
    }

    private static Map<String, String> variables(int member, String role, String selector) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("http.host", "localhost");
        v.put("http.port", System.getProperty("it.cluster.member" + member + ".http.port"));
        v.put("https.port", System.getProperty("it.cluster.member" + member + ".https.port"));
        v.put("keystore.password", KEYSTORE_PASSWORD);
        v.put("batch.admin.user", ADMIN);
        v.put("batch.admin.password", ADMIN_PASSWORD);
        v.put("cloudtask.job.repository", "postgresql");
        v.put("cloudtask.cluster", role);
        v.put("cloudtask.messaging.port", System.getProperty("it.cluster.messaging.port"));
        v.put("cloudtask.messaging.sslPort", System.getProperty("it.cluster.messaging.sslPort"));
        v.put("cloudtask.batch.messageSelector", selector);
        v.put("batch.db.host", "127.0.0.1");
        v.put("batch.db.port", String.valueOf(postgres.port()));
        v.put("batch.db.password", "cluster-it-db");
        return v;
    }

    private static List<String> jvmOptions() {
        String url = "http://127.0.0.1:" + sim.port();
        List<String> options = new ArrayList<>(List.of("-Xmx384m"));
        for (String service : List.of("cce", "dcs", "dws", "mrs")) {
            options.add("-Dcloudtask-" + service + "/mp-rest/url=" + url);
            // a hanging status request ends after 5 s instead of the default 30 s
            options.add("-Dcloudtask-" + service + "/mp-rest/readTimeout=5000");
        }
        return options;
    }

    private static void keytool(Path file) throws Exception {
        Path tool = Paths.get(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(tool.toString(), "-genkeypair", "-alias", "default", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "30", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", KEYSTORE_PASSWORD,
                "-keypass", KEYSTORE_PASSWORD).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
    }

    private static void report(String line) {
        report.add(line);
        System.out.println("CLUSTER " + line);
    }
}
