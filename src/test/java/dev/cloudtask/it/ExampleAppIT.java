package dev.cloudtask.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The example application ({@code examples/liberty-app}) run with the commands of its
 * documentation, on the server of this failsafe execution: OpenLiberty in {@code liberty-it},
 * Payara Micro in {@code payara-it} ({@code -Darquillian.launch}).
 *
 * <p>Strategy: start the simulator ({@code exec:java@simulator}) and the server as the
 * documentation does (OpenLiberty: {@code liberty:run}; Payara Micro: {@code package
 * dependency:copy@payara-micro}, then {@code java -jar target/payara-micro.jar ...}) as child
 * processes, drive the job {@code create-node} through the example's own resource
 * {@code /api/jobs} over HTTP with {@code java.net.http}, read the progress lines where a user reads
 * them (Liberty: the job log from {@code /ibm/api/batch}; Payara Micro: the server's output) and the
 * simulator's counters, then stop everything as the documentation says. The servers run beside the
 * Arquillian-managed ones of the other tests, so every port is a free loopback port picked at run
 * time. The simulator runs 20 simulated seconds per real second (the documented default is 60), so
 * that the create-node operation takes about 15 s and a stop lands while the step waits.
 */
class ExampleAppIT {

    private static final String PROJECT = "05f2cff45100d5112f4bc00b794ea08e";
    private static final String START_BODY = """
            {"jobXMLName":"create-node","jobParameters":{"projectId":"%s","clusterId":"cluster-1"}}"""
            .formatted(PROJECT);
    private static final String USER = "batchadmin";
    private static final String PASSWORD = "cloudtask-dev";
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(120);
    private static final Set<String> FINAL = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .sslContext(trustAll()).build();

    private static ExampleCommands commands;
    private static boolean liberty;
    private static int simPort;
    private static int httpPort;
    private static int httpsPort;
    private static Process simulator;
    private static Process server;
    private static String serverLog;

    @BeforeAll
    static void startSimulatorAndServer() throws Exception {
        String launch = System.getProperty("arquillian.launch", "");
        // -Dit.test=ExampleAppIT also reaches executions without a server of their own (cluster-it)
        Assumptions.assumeFalse(launch.isEmpty(), "the example test runs in the executions liberty-it and payara-it");
        liberty = switch (launch) {
            case "liberty" -> true;
            case "payara" -> false;
            default -> throw new IllegalStateException("system property arquillian.launch is '" + launch
                    + "': the example test knows liberty and payara");
        };
        commands = ExampleCommands.prepare();
        simPort = ExampleCommands.freePort();
        httpPort = ExampleCommands.freePort();
        httpsPort = ExampleCommands.freePort();
        String sim = "http://127.0.0.1:" + simPort;
        // where the servers find the simulator: MicroProfile Config's environment-variable names
        Map<String, String> env = Map.of("CLOUDTASK_CCE_MP_REST_URL", sim, "CLOUDTASK_DCS_MP_REST_URL", sim,
                "CLOUDTASK_DWS_MP_REST_URL", sim, "CLOUDTASK_MRS_MP_REST_URL", sim);

        String simLog = launch + "-simulator";
        simulator = commands.mvn(simLog, Map.of(), "exec:java@simulator", "-Dsim.port=" + simPort,
                "-Dsim.clock=accelerated:20");
        commands.awaitOutput(simulator, simLog, sim, START_TIMEOUT);

        if (liberty) {
            serverLog = "liberty-run";
            server = commands.mvn(serverLog, env, "liberty:run", "-Dhttp.port=" + httpPort,
                    "-Dhttps.port=" + httpsPort);
            commands.awaitOutput(server, serverLog, "CWWKF0011I", START_TIMEOUT);
            commands.awaitOutput(server, serverLog, "CWWKZ0001I: Application cloudtask-liberty-app started",
                    START_TIMEOUT);
        } else {
            String build = "payara-package";
            commands.run(commands.mvn(build, Map.of(), "package", "dependency:copy@payara-micro"), build,
                    BUILD_TIMEOUT);
            serverLog = "payara-micro";
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            server = commands.start(serverLog, env, List.of(java, "-Dh2.bindAddress=127.0.0.1",
                    "-jar", "examples/liberty-app/target/payara-micro.jar",
                    "--deploy", "examples/liberty-app/target/cloudtask-liberty-app.war",
                    "--port", Integer.toString(httpPort), "--nohazelcast",
                    "--prebootcommandfile", "examples/liberty-app/src/main/payara/loopback.asadmin",
                    "--postbootcommandfile", "server-config/payara/post-boot-commands.asadmin",
                    "--rootdir", "examples/liberty-app/target/payara-root"));
            commands.awaitOutput(server, serverLog, "ready in", START_TIMEOUT);
        }
    }

    @AfterAll
    static void stopServerAndSimulator() throws Exception {
        try {
            if (server != null && liberty) {
                String stop = "liberty-stop";
                commands.run(commands.mvn(stop, Map.of(), "liberty:stop"), stop, BUILD_TIMEOUT);
                assertEquals(0, server.waitFor(), "liberty:run ends once the server stopped; see "
                        + commands.log(serverLog));
            } else if (server != null) {
                ExampleCommands.interrupt(server); // Ctrl-C; fails unless Payara Micro ends within two minutes
            }
        } finally {
            ExampleCommands.destroyTree(server);
            if (simulator != null) {
                ExampleCommands.interrupt(simulator);
            }
            ExampleCommands.destroyTree(simulator);
        }
    }

    @BeforeEach
    void resetSimulator() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + simPort + "/_sim/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, r.statusCode(), r.body());
    }

    @Test
    void createNode_startedThroughExampleResource_completedWithProgressLines() throws Exception {
        HttpResponse<String> started = send(app("").POST(HttpRequest.BodyPublishers.ofString(START_BODY))
                .header("Content-Type", "application/json"));
        assertEquals(201, started.statusCode(), started.body());
        JsonObject job = json(started.body());
        long instanceId = job.getJsonNumber("instanceId").longValue();
        assertEquals("create-node", job.getString("jobName"));
        assertTrue(started.headers().firstValue("Location").orElse("").endsWith("/api/jobs/" + instanceId),
                started.headers().toString());

        job = finished(instanceId);

        assertEquals("COMPLETED", job.getString("batchStatus"), job.toString());
        assertEquals(Map.of("createNode", "COMPLETED/SUBMITTED", "awaitNode", "COMPLETED/SUCCEEDED",
                "reportNode", "COMPLETED/REPORTED"), steps(job));
        JsonObject progress = job.getJsonArray("progress").getJsonObject(0);
        assertEquals("awaitNode", progress.getString("stepName"));
        assertEquals("SUCCEEDED", progress.getString("state"));
        assertEquals(3, progress.getInt("remoteStepsDone"), progress.toString());
        String task = progress.getString("task");
        assertTrue(task.startsWith("cce/" + PROJECT + "/"), task);

        long executionId = job.getJsonNumber("executionId").longValue();
        String label = "job create-node (instance " + instanceId + ", execution " + executionId + ") step awaitNode: ";
        String log = progressLog(instanceId);
        List<String> lines = log.lines().filter(l -> l.contains(label + task)).toList();
        assertTrue(lines.stream().anyMatch(l -> l.contains(task + " RUNNING phase=Running remoteStep=")), log);
        assertTrue(lines.stream().anyMatch(l -> l.contains(task + " SUCCEEDED phase=Success (3/3 steps done)")), log);
        Matcher summary = Pattern.compile(Pattern.quote(task) + " ended SUCCEEDED after \\S+, (\\d+) polls?; "
                + "exit status SUCCEEDED").matcher(log);
        assertTrue(summary.find(), log);

        JsonObject counters = counters();
        assertEquals(1, counters.getInt("total_submissions"), counters.toString());
        int stepPolls = Integer.parseInt(summary.group(1));
        String taskId = task.substring(task.lastIndexOf('/') + 1);
        assertEquals(stepPolls + 1, counters.getJsonObject("tasks").getJsonObject(taskId).getInt("polls"),
                "the step's polls and the one read of reportNode: " + counters);
    }

    @Test
    void createNode_stoppedWhileWaitingThenRestarted_completedWithOneSubmission() throws Exception {
        HttpResponse<String> started = send(app("").POST(HttpRequest.BodyPublishers.ofString(START_BODY))
                .header("Content-Type", "application/json"));
        assertEquals(201, started.statusCode(), started.body());
        long instanceId = json(started.body()).getJsonNumber("instanceId").longValue();
        BatchAwait.until("job instance " + instanceId + " waiting in step awaitNode",
                () -> !status(instanceId).getJsonArray("progress").isEmpty(), JOB_TIMEOUT);

        HttpResponse<String> stop = send(app("/" + instanceId + "?action=stop")
                .PUT(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, stop.statusCode(), stop.body());
        JsonObject stopped = finished(instanceId);
        assertEquals("STOPPED", stopped.getString("batchStatus"), stopped.toString());
        assertEquals("STOPPED/STOPPED", steps(stopped).get("awaitNode"), stopped.toString());
        long firstExecution = stopped.getJsonNumber("executionId").longValue();

        HttpResponse<String> restart = send(app("/" + instanceId + "?action=restart")
                .PUT(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, restart.statusCode(), restart.body());
        BatchAwait.until("a second execution of job instance " + instanceId,
                () -> status(instanceId).getJsonNumber("executionId").longValue() != firstExecution, JOB_TIMEOUT);
        JsonObject job = finished(instanceId);

        assertEquals("COMPLETED", job.getString("batchStatus"), job.toString());
        assertEquals(2, job.getInt("executions"));
        assertEquals(Map.of("awaitNode", "COMPLETED/SUCCEEDED", "reportNode", "COMPLETED/REPORTED"), steps(job),
                "the restart resumes the wait; createNode, COMPLETED before, does not run again");
        assertEquals(Map.of("projectId", PROJECT, "clusterId", "cluster-1"),
                job.getJsonObject("jobParameters").entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        e -> ((JsonString) e.getValue()).getString())), "the restart reused the parameters");
        JsonObject counters = counters();
        assertEquals(1, counters.getInt("total_submissions"), "no second submission: " + counters);
        assertEquals(1, counters.getJsonObject("tasks").size(), counters.toString());
    }

    /** Where the documentation tells the user to read the progress lines. */
    private static String progressLog(long instanceId) throws Exception {
        if (!liberty) {
            return commands.output(serverLog);
        }
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort
                + "/ibm/api/batch/jobinstances/" + instanceId + "/joblogs?type=text")).header("Authorization", basic()));
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static JsonObject finished(long instanceId) throws Exception {
        JsonObject[] last = new JsonObject[1];
        BatchAwait.until("job instance " + instanceId + " finished", () -> {
            last[0] = status(instanceId);
            return FINAL.contains(last[0].getString("batchStatus"));
        }, JOB_TIMEOUT);
        return last[0];
    }

    private static JsonObject status(long instanceId) throws Exception {
        HttpResponse<String> r = send(app("/" + instanceId).GET());
        assertEquals(200, r.statusCode(), r.body());
        return json(r.body());
    }

    private static Map<String, String> steps(JsonObject job) {
        return job.getJsonArray("steps").getValuesAs(JsonObject.class).stream().collect(Collectors.toMap(
                s -> s.getString("stepName"), s -> s.getString("batchStatus") + "/" + text(s, "exitStatus")));
    }

    private static String text(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v instanceof JsonString s ? s.getString() : String.valueOf(v);
    }

    private static JsonObject counters() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + simPort
                + "/_sim/counters")).GET());
        assertEquals(200, r.statusCode(), r.body());
        return json(r.body());
    }

    /** A request to the example's resource, with the credentials the documentation's commands send. */
    private static HttpRequest.Builder app(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/cloudtask-liberty-app/api/jobs"
                + path)).header("Authorization", basic()).timeout(Duration.ofSeconds(30));
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    /** Liberty's HTTPS port has a self-signed certificate that Liberty made on first start (curl -k). */
    private static SSLContext trustAll() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509ExtendedTrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket s) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket s) {
                }

                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine e) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine e) {
                }

                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return ctx;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
