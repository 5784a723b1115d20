package dev.cloudtask.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The command line: a simulator in a separate JVM (as crash tests use it), driven over HTTP with a
 * virtual clock advanced through {@code /_sim/clock/advance}; and option parsing.
 */
class CommandLineTest {

    /** The simulator's command line in a JVM of its own, on a free port, with a virtual clock. */
    private static Process startVirtualClockSimulator() throws java.io.IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CloudSimulator.class.getName(), "--port", "0", "--clock", "virtual")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    @Test
    void separateProcess_virtualClock_submitAdvancePollAndCounters() throws Exception {
        Process p = startVirtualClockSimulator();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String base = out.readLine();
            assertTrue(base != null && base.matches("http://127\\.0\\.0\\.1:\\d+"), "first line is the base URL: " + base);
            HttpClient client = HttpClient.newHttpClient();
            String project = CloudSimulator.DEFAULT_PROJECT_ID;
            HttpResponse<String> submitted = send(client, HttpRequest.newBuilder(URI.create(base + "/v1.0/" + project
                    + "/clusters/c/cns/batch-create?sim-duration=30m")).POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .header("Content-Type", "application/json"));
            String jobId = SimHttp.json(submitted).getString("job_id");
            URI poll = URI.create(base + "/v1.0/" + project + "/job/" + jobId);
            assertEquals("INIT", SimHttp.json(send(client, HttpRequest.newBuilder(poll))).getString("status"));
            send(client, HttpRequest.newBuilder(URI.create(base + "/_sim/clock/advance?by=31m"))
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertEquals("SUCCESS", SimHttp.json(send(client, HttpRequest.newBuilder(poll))).getString("status"));
            var counters = SimHttp.json(send(client, HttpRequest.newBuilder(URI.create(base + "/_sim/counters"))));
            assertEquals(1, counters.getJsonObject("tasks").getJsonObject(jobId).getInt("submissions"));
            assertEquals(2, counters.getJsonObject("tasks").getJsonObject(jobId).getInt("polls"));
        } finally {
            p.destroy();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the simulator process ends on SIGTERM");
        }
    }

    @Test
    void separateProcess_curveKindsFromQueryParameters_overshootAndEarlyFailure() throws Exception {
        Process p = startVirtualClockSimulator();
        try {
            String base = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            HttpClient client = HttpClient.newHttpClient();
            String resize = base + "/v1.0/" + CloudSimulator.DEFAULT_PROJECT_ID + "/clusters/c/cns/batch-create?sim-queued=0s"
                    + "&sim-duration=100s&";
            URI over = pollUri(client, base, resize + "sim-full-at=80s");
            URI failing = pollUri(client, base, resize + "sim-shape=S_CURVE&sim-fail-after=40s&sim-fail-code=DWS.0114");
            send(client, HttpRequest.newBuilder(URI.create(base + "/_sim/clock/advance?by=90s"))
                    .POST(HttpRequest.BodyPublishers.noBody()));
            var running = SimHttp.json(send(client, HttpRequest.newBuilder(over)));
            assertEquals("100%", running.getString("progress"));
            assertEquals("RUNNING", running.getString("status"));
            var failed = SimHttp.json(send(client, HttpRequest.newBuilder(failing)));
            assertEquals("FAIL", failed.getString("status"));
            assertEquals("35%", failed.getString("progress"), "the S-curve at 40 % of the time");
            assertEquals("DWS.0114", failed.getString("failed_code"));
        } finally {
            p.destroy();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the simulator process ends on SIGTERM");
        }
    }

    /** Submits a DWS CN addition and answers its poll URI. */
    private static URI pollUri(HttpClient client, String base, String resize) throws Exception {
        HttpResponse<String> submitted = send(client, HttpRequest.newBuilder(URI.create(resize))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json"));
        assertEquals(200, submitted.statusCode(), submitted.body());
        return URI.create(base + "/v1.0/" + CloudSimulator.DEFAULT_PROJECT_ID + "/job/"
                + SimHttp.json(submitted).getString("job_id"));
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder b) throws Exception {
        return client.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void parse_acceleratedForms_factorApplied() {
        for (List<String> args : List.of(List.of("--clock", "accelerated", "120"), List.of("--clock", "accelerated:120"),
                List.of("--clock", "accelerated", "--factor", "120"))) {
            try (CloudSimulator sim = CloudSimulatorMain.parse(args.toArray(String[]::new)).start()) {
                AcceleratedClock c = assertInstanceOf(AcceleratedClock.class, sim.clock());
                assertEquals(120.0, c.factor(), args.toString());
            }
        }
    }

    @Test
    void parse_managerSecurityCluster_loginCheckSendsToCas() {
        try (CloudSimulator sim = CloudSimulatorMain.parse(new String[] {"--manager-security-cluster"}).start()) {
            java.net.http.HttpResponse<String> r = new SimHttp(sim, java.net.http.HttpClient.newHttpClient())
                    .get("/web/v1/access/login_check");
            assertEquals(302, r.statusCode());
            assertTrue(r.headers().firstValue("Location").orElseThrow().contains("/cas/login?service="));
        }
    }

    @Test
    void parse_badOptions_clearMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CloudSimulatorMain.parse(new String[] {"--clock", "sundial"}));
        assertEquals("--clock 'sundial' must be real, accelerated or virtual", e.getMessage());
        assertEquals("unknown option '--frobnicate'", assertThrows(IllegalArgumentException.class,
                () -> CloudSimulatorMain.parse(new String[] {"--frobnicate"})).getMessage());
        assertEquals("--port 'x' is not an integer", assertThrows(IllegalArgumentException.class,
                () -> CloudSimulatorMain.parse(new String[] {"--port", "x"})).getMessage());
        assertEquals("--auth 'kerberos' must be none, iam, aksk or any", assertThrows(IllegalArgumentException.class,
                () -> CloudSimulatorMain.parse(new String[] {"--auth", "kerberos"})).getMessage());
    }
}
