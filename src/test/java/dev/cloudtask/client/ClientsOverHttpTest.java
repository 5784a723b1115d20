package dev.cloudtask.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.CloudServiceException;
import dev.cloudtask.Fixtures;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskState;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.cce.CceJob;
import dev.cloudtask.dcs.DcsTaskProgress;
import dev.cloudtask.dws.DwsJob;
import dev.cloudtask.mrs.MrsCommandProgress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The four clients built with RESTEasy's MicroProfile RestClientBuilder, called over real HTTP
 * against a loopback server that serves the documentation's example responses and error bodies.
 */
class ClientsOverHttpTest {
    static final String CCE_PATH = "/api/v3/projects/p1/jobs/j1";
    static final String DCS_PATH = "/v2/p1/instances/i1/tasks/t1/progress";
    static final String DWS_PATH = "/v1.0/p1/job/j1";
    static final String MRS_PATH = "/web/v1/common/command/c1/progress";

    LoopbackServer server;
    CloudClients clients;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackServer()
                .json(CCE_PATH, Fixtures.text(Fixtures.CCE_JOB))
                .json(DCS_PATH, Fixtures.text(Fixtures.DCS_PROGRESS))
                .json(DWS_PATH, Fixtures.text(Fixtures.DWS_JOB))
                .json(MRS_PATH, Fixtures.text(Fixtures.MRS_PROGRESS));
        CloudClients.Builder b = CloudClients.builder().readTimeout(Duration.ofSeconds(10));
        for (CloudService s : CloudService.values()) {
            b.endpoint(s, server.baseUri());
        }
        clients = b.build();
    }

    @AfterEach
    void stop() {
        clients.close();
        server.close();
    }

    static <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void close_closesClientsAndEndsOwnRequestThreads() throws Exception {
        java.util.List<Thread> before = requestThreads();
        assertEquals(2, await(CloudCalls.progressAsync(clients.dcs(), "p1", "i1", "t1")).stepDetails().size());
        java.util.List<Thread> mine = requestThreads().stream().filter(t -> !before.contains(t)).toList();
        assertTrue(mine.stream().anyMatch(t -> t.getName().startsWith("cloudtask-dcs-http-")),
                "an asynchronous call ran on the clients' own threads: " + mine);

        clients.close();

        assertThrows(RuntimeException.class, () -> CloudCalls.progress(clients.dcs(), "p1", "i1", "t1"),
                "a closed client makes no request");
        for (Thread t : mine) {
            t.join(TimeUnit.SECONDS.toMillis(10)); // shut down: idle threads leave at once
            assertTrue(!t.isAlive(), t.getName() + " still runs after close");
        }
        clients.close(); // again: nothing to do
    }

    private static java.util.List<Thread> requestThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().matches("cloudtask-(cce|dcs|dws|mrs)-http-\\d+")).toList();
    }

    @Test
    void cceJobAsync_fixtureWithTrailingComma_parsesCompletely() throws Exception {
        CceJob job = await(CloudCalls.jobAsync(clients.cce(), "p1", "j1"));
        assertEquals("Running", job.phase());
        assertEquals(2, job.subJobs().size());
        assertEquals("InstallMaster", job.subJobs().get(0).spec().type());
        assertEquals("bc467e3a-2338-11e8-825b-0255ac100c13", job.spec().extendParam().get("serverID"));
    }

    @Test
    void syncCalls_fixtures_parse() {
        assertEquals("Running", CloudCalls.job(clients.cce(), "p1", "j1").phase());
        server.json(CCE_PATH, "<html>oops</html>");
        CloudServiceException c = assertThrows(CloudServiceException.class, () -> CloudCalls.job(clients.cce(), "p1", "j1"));
        assertEquals(0, c.httpStatus());
        assertEquals(2, CloudCalls.progress(clients.dcs(), "p1", "i1", "t1").stepDetails().size());
        assertEquals("FAIL", CloudCalls.job(clients.dws(), "p1", "j1").status());
        assertEquals("COMPLETE", CloudCalls.progress(clients.mrs(), "c1").state());
    }

    @Test
    void asyncCalls_fixtures_parseWithTolerantValues() throws Exception {
        DcsTaskProgress dcs = await(CloudCalls.progressAsync(clients.dcs(), "p1", "i1", "t1"));
        assertEquals(30, dcs.percent().getAsInt());
        assertEquals(Duration.ofSeconds(100), dcs.remaining().orElseThrow());
        DwsJob dws = await(CloudCalls.jobAsync(clients.dws(), "p1", "j1"));
        assertEquals(9, dws.percent().getAsInt());
        MrsCommandProgress mrs = await(CloudCalls.progressAsync(clients.mrs(), "c1"));
        assertEquals("0", mrs.errorCode());
        assertEquals(1, mrs.resObj().stepList().size());
    }

    @Test
    void statusSource_eachService_mapsFixture() throws Exception {
        RestTaskStatusSource source = clients.taskStatusSource();
        TaskStatus cce = await(source.fetch(TaskRef.cce("p1", "j1")));
        assertEquals(TaskState.RUNNING, cce.state());
        assertEquals(2, cce.subTasksDone());
        TaskStatus dcs = await(source.fetch(TaskRef.dcs("p1", "i1", "t1")));
        assertEquals(TaskState.RUNNING, dcs.state());
        assertEquals("EXECUTING", dcs.remoteState());
        TaskStatus dws = await(source.fetch(TaskRef.dws("p1", "j1")));
        assertEquals(TaskState.FAILED, dws.state());
        assertEquals("CreateELBTask-fail:DWS.0114", dws.errorCode());
        TaskStatus mrs = await(source.fetch(TaskRef.mrs("c1")));
        assertEquals(TaskState.SUCCEEDED, mrs.state());
    }

    @Test
    void statusSource_throttled_failsWithCloudServiceExceptionUnwrapped() throws Exception {
        server.answer(CCE_PATH, 429, "application/json",
                "{\"error_code\":\"APIGW.0308\",\"error_msg\":\"The request is throttled.\"}",
                Map.of("X-Request-Id", "req-42", "Retry-After", "7"));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> await(clients.taskStatusSource().fetch(TaskRef.cce("p1", "j1"))));
        CloudServiceException c = assertInstanceOf(CloudServiceException.class, e.getCause());
        assertEquals(CloudService.CCE, c.service());
        assertEquals(429, c.httpStatus());
        assertTrue(c.isThrottled());
        assertEquals("APIGW.0308", c.errorCode());
        assertEquals("The request is throttled.", c.errorMessage());
        assertEquals("req-42", c.requestId());
        assertEquals(Duration.ofSeconds(7), c.retryAfter());
    }

    @Test
    void syncCall_htmlErrorPage_throwsReadableExcerpt() {
        server.answer(DWS_PATH, 502, "text/html",
                "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>", Map.of());
        CloudServiceException c = assertThrows(CloudServiceException.class, () -> CloudCalls.job(clients.dws(), "p1", "j1"));
        assertEquals(CloudService.DWS, c.service());
        assertEquals(502, c.httpStatus());
        assertNull(c.errorCode());
        assertEquals("502 Bad Gateway Bad Gateway", c.errorMessage());
        assertTrue(c.isTransient());
    }

    @Test
    void asyncCall_bodyOverCap_failsWithClearMessage() throws Exception {
        CloudClients small = CloudClients.builder().endpoint(CloudService.DCS, server.baseUri())
                .maxResponseBytes(100).build();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> await(small.taskStatusSource().fetch(TaskRef.dcs("p1", "i1", "t1"))));
        CloudServiceException c = assertInstanceOf(CloudServiceException.class, e.getCause());
        assertEquals(0, c.httpStatus());
        assertTrue(c.errorMessage().contains("larger than 100 bytes"), c.errorMessage());
    }

    @Test
    void asyncCall_garbageWith200_failsAsUnreadable() throws Exception {
        server.json(MRS_PATH, "this is not json");
        CompletionException e = assertThrows(CompletionException.class,
                () -> CloudCalls.progressAsync(clients.mrs(), "c1").toCompletableFuture().join());
        CloudServiceException c = assertInstanceOf(CloudServiceException.class, e.getCause());
        assertEquals(CloudService.MRS, c.service());
        assertTrue(c.errorMessage().contains("this is not json"), c.errorMessage());
    }
}
