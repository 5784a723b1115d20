package dev.cloudtask.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every injectable fault, observed by a real HTTP client (or a raw socket where the wire matters). */
@WithCloudSimulator
class FaultsTest {
    CloudSimulator sim;
    VirtualClock clock;

    private SimHttp http() {
        return new SimHttp(sim);
    }

    private TaskRef task(CloudService service) {
        return sim.createTask(service, Timeline.builder().step("One").build());
    }

    @Test
    void throttled_withRetryAfter_429ApigwBodyAndHeader() {
        TaskRef ref = task(CloudService.DWS);
        sim.faults().forTask(ref.taskId()).next(1, InjectedFault.throttled(Duration.ofSeconds(7)));
        HttpResponse<String> r = http().get(SimHttp.pollPath(ref));
        assertEquals(429, r.statusCode());
        assertEquals("7", r.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("APIGW.0308", SimHttp.json(r).getString("error_code"));
        assertTrue(r.headers().firstValue("X-Request-Id").isPresent());
        assertEquals(200, http().get(SimHttp.pollPath(ref)).statusCode(), "the fault was for one request only");
    }

    @Test
    void throttled_cceCodeWithoutRetryAfter_429CceBodyNoHeader() {
        TaskRef ref = task(CloudService.CCE);
        sim.faults().forService(CloudService.CCE).next(1, InjectedFault.throttled(InjectedFault.CCE_THROTTLED, null));
        HttpResponse<String> r = http().get(SimHttp.pollPath(ref));
        assertEquals(429, r.statusCode());
        assertFalse(r.headers().firstValue("Retry-After").isPresent());
        JsonObject body = SimHttp.json(r);
        assertEquals("CCE.02429001", body.getString("error_code"));
        assertNotNull(body.getString("error_msg"));
    }

    @Test
    void serverErrors_eachService_ownErrorShape() {
        for (int status : new int[] {500, 502, 503, 504}) {
            for (CloudService s : CloudService.values()) {
                TaskRef ref = task(s);
                sim.faults().forTask(ref.taskId()).next(1, InjectedFault.status(status));
                HttpResponse<String> r = http().get(SimHttp.pollPath(ref));
                assertEquals(status, r.statusCode());
                JsonObject body = SimHttp.json(r);
                switch (s) {
                    case CCE -> assertEquals("CCE.01500001", body.getString("error_code"));
                    case DCS -> {
                        assertEquals("DCS.5000", body.getString("error_code"));
                        assertTrue(body.isNull("error_ext_msg"));
                    }
                    case DWS -> assertEquals("DWS.0005", body.getString("error_code"));
                    case MRS -> {
                        assertEquals(12500, body.getInt("error_code"));
                        assertNotNull(body.getString("error_description"));
                    }
                }
            }
        }
    }

    @Test
    void badRequestAndForbidden_injected_statusAndServiceCodes() {
        TaskRef ref = task(CloudService.DCS);
        sim.faults().forTask(ref.taskId()).next(1, InjectedFault.status(400)).forTask(ref.taskId()).next(1, InjectedFault.status(403, "DCS.4035"));
        HttpResponse<String> bad = http().get(SimHttp.pollPath(ref));
        assertEquals(400, bad.statusCode());
        assertEquals("DCS.4000", SimHttp.json(bad).getString("error_code"));
        HttpResponse<String> forbidden = http().get(SimHttp.pollPath(ref));
        assertEquals(403, forbidden.statusCode());
        assertEquals("DCS.4035", SimHttp.json(forbidden).getString("error_code"));
    }

    @Test
    void unauthorized_injected_401GatewayBody() {
        TaskRef ref = task(CloudService.DWS);
        sim.faults().forTask(ref.taskId()).next(1, InjectedFault.unauthorized());
        HttpResponse<String> r = http().get(SimHttp.pollPath(ref));
        assertEquals(401, r.statusCode());
        assertEquals("APIGW.0301", SimHttp.json(r).getString("error_code"));
    }

    @Test
    void jsonBody_injected_verbatimWithStatus() {
        TaskRef ref = task(CloudService.CCE);
        String body = "{\"errorCode\":\"CCE.01400001\",\"errorMessage\":\"Invalid request.\"}";
        sim.faults().forTask(ref.taskId()).next(1, InjectedFault.jsonBody(400, body));
        HttpResponse<String> r = http().get(SimHttp.pollPath(ref));
        assertEquals(400, r.statusCode());
        assertEquals(body, r.body());
        assertTrue(r.headers().firstValue("X-Request-Id").isPresent());
    }

    @Test
    void htmlErrorPage_injected_htmlContentType() {
        TaskRef ref = task(CloudService.DWS);
        sim.faults().forTask(ref.taskId()).next(1, InjectedFault.htmlErrorPage(502));
        HttpResponse<String> r = http().get(SimHttp.pollPath(ref));
        assertEquals(502, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(r.body().contains("<h1>502 Bad Gateway</h1>"));
    }

    @Test
    void connectionReset_injected_rawSocketSeesResetAndHttpClientFails() throws IOException {
        TaskRef ref = task(CloudService.MRS);
        sim.faults().forTask(ref.taskId()).next(1, InjectedFault.connectionReset());
        try (Socket s = new Socket("127.0.0.1", sim.port())) {
            s.getOutputStream().write(("GET " + SimHttp.pollPath(ref) + " HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(5000);
            IOException e = assertThrows(IOException.class, () -> s.getInputStream().read());
            assertTrue(e.getMessage().toLowerCase().contains("reset"), e.getMessage());
        }
        // java.net.http retries an idempotent request once on a broken connection: fail every attempt
        sim.faults().forTask(ref.taskId()).always(InjectedFault.connectionReset());
        assertThrows(UncheckedIOException.class, () -> http().get(SimHttp.pollPath(ref)));
        sim.faults().clear();
        assertEquals(200, http().get(SimHttp.pollPath(ref)).statusCode());
        List<JournalEntry> resets = sim.journal().entries(e -> "fault:CONNECTION_RESET".equals(e.note()));
        assertTrue(resets.size() >= 2);
        assertEquals(0, resets.get(0).status());
        assertEquals(ref.taskId(), resets.get(0).taskId());
    }

    @Test
    void truncatedJson_injected_contentLengthLargerThanBodyThenClose() throws IOException {
        TaskRef ref = task(CloudService.DWS);
        sim.faults().forTask(ref.taskId()).always(InjectedFault.truncatedJson());
        assertThrows(UncheckedIOException.class, () -> http().get(SimHttp.pollPath(ref)));
        try (Socket s = new Socket("127.0.0.1", sim.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET " + SimHttp.pollPath(ref) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(raw.startsWith("HTTP/1.1 200 OK"), raw);
            int announced = Integer.parseInt(raw.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
            String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
            assertTrue(body.length() < announced, "sent " + body.length() + " of " + announced);
            assertTrue(body.startsWith("{\"job_id\""));
        }
    }

    @Test
    void hang_clientTimesOut_thenAnswersAgain() {
        TaskRef ref = task(CloudService.DCS);
        sim.faults().forTask(ref.taskId()).next(1, InjectedFault.hang());
        var req = java.net.http.HttpRequest.newBuilder(new SimHttp(sim).uri(SimHttp.pollPath(ref)))
                .timeout(Duration.ofMillis(300)).GET().build();
        var client = java.net.http.HttpClient.newHttpClient();
        assertThrows(java.net.http.HttpTimeoutException.class, () -> client.send(req, HttpResponse.BodyHandlers.ofString()));
        assertEquals(200, http().get(SimHttp.pollPath(ref)).statusCode());
    }

    @Test
    void hang_simulatorStops_closeEndsConnectionsWithoutLeakingThreads() throws Exception {
        CloudSimulator other = CloudSimulator.builder().clock(clock).start();
        TaskRef ref = other.createTask(CloudService.DWS, Timeline.builder().build());
        other.faults().forAll().always(InjectedFault.hang());
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Socket s = new Socket("127.0.0.1", other.port());
            s.getOutputStream().write(("GET " + SimHttp.pollPath(ref) + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            sockets.add(s);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (other.journal().entries().size() < 5 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(5, other.journal().entries().size(), "all five requests reached the simulator");
        assertEquals(5, other.openConnections());
        String prefix = other.threadPrefix();
        assertTrue(threads(prefix).size() >= 6, "acceptor and 5 connection threads run");
        other.close();
        assertEquals(0, other.openConnections());
        for (Socket s : sockets) {
            s.setSoTimeout(5000);
            assertEquals(-1, s.getInputStream().read(), "the hanging connection is closed by stop()");
            s.close();
        }
        for (Thread t : threads(prefix)) {
            t.join(5000);
        }
        assertEquals(List.of(), threads(prefix), "no thread of the stopped simulator is alive");
    }

    private static List<Thread> threads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix) && t.isAlive()).toList();
    }

    @Test
    void notFoundWindow_firstSeconds_404ThenFound() {
        TaskRef ref = sim.createTask(CloudService.CCE, Timeline.builder().notFoundFor(Duration.ofSeconds(20)).build());
        HttpResponse<String> early = http().get(SimHttp.pollPath(ref));
        assertEquals(404, early.statusCode());
        JsonObject status = SimHttp.json(early);
        assertEquals("Status", status.getString("kind"));
        assertEquals("NotFound", status.getString("reason"));
        assertEquals(404, status.getInt("code"));
        clock.advance(Duration.ofSeconds(20));
        assertEquals(200, http().get(SimHttp.pollPath(ref)).statusCode());
        assertEquals(2, sim.counters(ref).polls(), "404 answers count as polls");
    }

    @Test
    void unknownIds_eachService_404InServiceShape() {
        String p = CloudSimulator.DEFAULT_PROJECT_ID;
        assertEquals("Status", SimHttp.json(http().get("/api/v3/projects/" + p + "/jobs/nope")).getString("kind"));
        HttpResponse<String> dcs = http().get("/v2/" + p + "/instances/i/tasks/nope/progress");
        assertEquals(404, dcs.statusCode());
        assertEquals("DCS.4049", SimHttp.json(dcs).getString("error_code"));
        assertEquals("DWS.0015", SimHttp.json(http().get("/v1.0/" + p + "/job/nope")).getString("error_code"));
        HttpResponse<String> mrs = http().get("/web/v1/common/command/999999/progress");
        assertEquals(404, mrs.statusCode());
        assertEquals(12004, SimHttp.json(mrs).getInt("error_code"));
        TaskRef ref = task(CloudService.DWS);
        assertEquals(404, http().get("/v1.0/otherproject/job/" + ref.taskId()).statusCode(), "project must match");
        assertEquals("APIGW.0101", SimHttp.json(http().get("/v1.0/" + p + "/nothing")).getString("error_code"));
    }

    @Test
    void probability_sameSeed_sameSequenceOfFaults() {
        TaskRef ref = task(CloudService.DWS);
        List<Integer> first = sequence(ref, 42);
        List<Integer> second = sequence(ref, 42);
        assertEquals(first, second);
        long faults = first.stream().filter(s -> s == 503).count();
        assertTrue(faults > 5 && faults < 35, "about 30% of 60 requests fail: " + faults);
    }

    private List<Integer> sequence(TaskRef ref, long seed) {
        sim.faults().clear();
        sim.faults().seed(seed).forService(CloudService.DWS).endpoint(Endpoint.POLL).withProbability(0.3, InjectedFault.status(503));
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            out.add(http().get(SimHttp.pollPath(ref)).statusCode());
        }
        return out;
    }

    @Test
    void endpointScope_pollFaultOnDws_otherServicesAndSubmitUnaffected() {
        TaskRef dws = task(CloudService.DWS);
        TaskRef cce = task(CloudService.CCE);
        sim.faults().forService(CloudService.DWS).endpoint(Endpoint.POLL).always(InjectedFault.status(500));
        assertEquals(500, http().get(SimHttp.pollPath(dws)).statusCode());
        assertEquals(200, http().get(SimHttp.pollPath(cce)).statusCode());
        assertEquals(200, http().post("/v1.0/" + dws.projectId() + "/clusters/c1/cns/batch-create", "application/json", "{}").statusCode());
    }

    @Test
    void resetOnSubmit_requestProcessed_taskCreatedButAnswerLost() {
        sim.faults().forEndpoint(Endpoint.SUBMIT).next(1, InjectedFault.connectionReset());
        assertThrows(UncheckedIOException.class,
                () -> http().post("/v1.0/" + CloudSimulator.DEFAULT_PROJECT_ID + "/clusters/c1/cns/batch-create", "application/json", "{}"));
        assertEquals(1, sim.journal().totalSubmissions());
        assertEquals(1, sim.tasks().size());
    }

    @Test
    void statusFaultOnSubmit_rejected_noTaskCreated() {
        sim.faults().forEndpoint(Endpoint.SUBMIT).next(1, InjectedFault.status(503));
        assertEquals(503, http().post("/v1.0/" + CloudSimulator.DEFAULT_PROJECT_ID + "/clusters/c1/cns/batch-create",
                "application/json", "{}").statusCode());
        assertEquals(0, sim.journal().totalSubmissions());
        assertTrue(sim.tasks().isEmpty());
    }

    @Test
    void rateLimit_burstExhausted_429ThenRefillsOnSimulatorClock() {
        TaskRef ref = task(CloudService.DWS);
        sim.rateLimit(1, 2);
        try {
            assertEquals(200, http().get(SimHttp.pollPath(ref)).statusCode());
            assertEquals(200, http().get(SimHttp.pollPath(ref)).statusCode());
            HttpResponse<String> limited = http().get(SimHttp.pollPath(ref));
            assertEquals(429, limited.statusCode());
            assertEquals("APIGW.0308", SimHttp.json(limited).getString("error_code"));
            assertEquals(404, http().get("/v1.0/anotherproject/job/x").statusCode(),
                    "another project has its own bucket");
            clock.advance(Duration.ofSeconds(1));
            assertEquals(200, http().get(SimHttp.pollPath(ref)).statusCode());
            assertEquals(429, http().get(SimHttp.pollPath(ref)).statusCode());
        } finally {
            sim.rateLimit(0, 1);
        }
    }

    @Test
    void faultOnIamTokenEndpoint_injected_keystoneShape() {
        sim.faults().forEndpoint(Endpoint.IAM_TOKEN).next(1, InjectedFault.status(503));
        HttpResponse<String> r = http().post("/v3/auth/tokens", "application/json", "{}");
        assertEquals(503, r.statusCode());
        assertEquals(503, SimHttp.json(r).getJsonObject("error").getInt("code"));
    }
}
