package dev.cloudtask.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Operation endpoints create tasks with default or overridden timelines; journal and counters record it. */
@WithCloudSimulator
class OperationEndpointsTest {
    private static final String P = CloudSimulator.DEFAULT_PROJECT_ID;
    CloudSimulator sim;
    VirtualClock clock;

    private SimHttp http() {
        return new SimHttp(sim);
    }

    @Test
    void cceCreateNode_defaultTimeline_jobIdThenRunningThenSuccess() {
        HttpResponse<String> r = http().post("/api/v3/projects/" + P + "/clusters/c-1/nodes", "application/json",
                "{\"kind\":\"Node\",\"spec\":{\"flavor\":\"s3.large.2\"}}");
        assertEquals(201, r.statusCode());
        String jobId = SimHttp.json(r).getJsonObject("status").getString("jobID");
        TaskRef ref = TaskRef.cce(P, jobId);
        JsonObject job = SimHttp.json(http().get(SimHttp.pollPath(ref)));
        assertEquals("Initializing", job.getJsonObject("status").getString("phase"));
        assertEquals("c-1", job.getJsonObject("spec").getString("clusterUID"));
        assertEquals(3, job.getJsonObject("spec").getJsonArray("subJobs").size());
        clock.advance(Duration.ofMinutes(6));
        assertEquals("Success", SimHttp.json(http().get(SimHttp.pollPath(ref))).getJsonObject("status").getString("phase"));
        assertEquals(new TaskCounters(jobId, 1, 2), sim.counters(ref));
    }

    @Test
    void defaultTimeline_setWhileRunning_newOperationsFollowItAndResetKeepsIt() {
        sim.defaultTimeline(CloudService.DWS, Timeline.builder().duration(Duration.ofMinutes(1))
                .fails("DWS.0114", "no ELB", 40).build());
        sim.reset();
        HttpResponse<String> r = http().post("/v1.0/" + P + "/clusters/dws-1/cns/batch-create", "application/json", "{}");
        TaskRef ref = TaskRef.dws(P, SimHttp.json(r).getString("job_id"));

        clock.advance(Duration.ofMinutes(2));

        JsonObject job = SimHttp.json(http().get(SimHttp.pollPath(ref)));
        assertEquals("FAIL", job.getString("status"));
        assertEquals("DWS.0114", job.getString("failed_code"));
    }

    @Test
    void dcsResize_queryOverrides_failingTimeline() {
        HttpResponse<String> r = http().post("/v2/" + P + "/instances/inst-1/resize?sim-duration=2m&sim-steps="
                + "Pre-check.:Resource%20check.%7CInstance%20check.,Migrate&sim-fail-code=DCS.4066&sim-fail-detail=boom&sim-fail-at=80",
                "application/json", "{\"new_capacity\":4}");
        assertEquals(204, r.statusCode(), r.body());
        assertEquals("", r.body(), "DCS operations answer without a body");
        JsonObject listed = SimHttp.json(http().get("/v2/" + P + "/instances/inst-1/tasks"));
        assertEquals("1", listed.getString("task_count"));
        JsonObject entry = listed.getJsonArray("tasks").getJsonObject(0);
        assertEquals("EXTEND", entry.getString("name"));
        assertEquals("CREATED", entry.getString("status"));
        assertEquals(clock.instant(), java.time.Instant.parse(entry.getString("created_at")));
        TaskRef ref = TaskRef.dcs(P, "inst-1", entry.getString("id"));
        clock.advance(Duration.ofMinutes(2)); // the DCS default queues for 2 s first
        assertEquals(2, SimHttp.json(http().get(SimHttp.pollPath(ref))).getInt("remain_time"));
        clock.advance(Duration.ofSeconds(2));
        JsonObject done = SimHttp.json(http().get(SimHttp.pollPath(ref)));
        assertEquals(80, done.getInt("progress"));
        assertEquals(2, done.getJsonArray("step_details").getJsonObject(0).getJsonArray("sub_step_details").size());
        assertEquals("FAILED", done.getJsonArray("step_details").getJsonObject(1).getString("step_status"));
        assertEquals("DCS.4066", done.getJsonArray("step_details").getJsonObject(1).getString("error_code"));
    }

    @Test
    void dwsResize_jsonBodyOverrides_notFoundWindowAndShape() {
        HttpResponse<String> r = http().post("/v1.0/" + P + "/clusters/dws-1/cns/batch-create", "application/json",
                "{\"num\":3,\"simulator\":{\"duration\":\"4m\",\"shape\":\"STEPS\",\"not_found_for\":\"10s\","
                        + "\"name\":\"growCluster\",\"fail_code\":\"DWS.0114\",\"fail_detail\":\"no ELB\",\"fail_at\":60}}");
        assertEquals(200, r.statusCode(), r.body());
        TaskRef ref = TaskRef.dws(P, SimHttp.json(r).getString("job_id"));
        assertEquals(404, http().get(SimHttp.pollPath(ref)).statusCode());
        clock.advance(Duration.ofSeconds(10));
        JsonObject running = SimHttp.json(http().get(SimHttp.pollPath(ref)));
        assertEquals("growCluster", running.getString("job_name"));
        clock.advance(Duration.ofMinutes(4));
        JsonObject failed = SimHttp.json(http().get(SimHttp.pollPath(ref)));
        assertEquals("FAIL", failed.getString("status"));
        assertEquals("DWS.0114", failed.getString("failed_code"));
        assertEquals("50%", failed.getString("progress"), "STEPS with 4 implicit steps reports finished steps only");
    }

    @Test
    void mrsServiceStartAndStop_answerTheDocumentedCommandFields_commandFollowedToTheEnd() {
        HttpResponse<String> r = http().post("/web/v1/maintain/cluster/1/service/HDFS/start", "application/json", "{}");
        assertEquals(200, r.statusCode());
        JsonObject cmd = SimHttp.json(r);
        assertEquals("IN_PROGRESS", cmd.getString("state"));
        assertEquals(0, cmd.getInt("error_code"));
        assertEquals("", cmd.getString("error_description"));
        assertEquals(0.0, cmd.getJsonNumber("total_progress").doubleValue());
        assertEquals(Set.of("id", "state", "error_code", "error_description", "total_progress"), cmd.keySet());
        TaskRef ref = TaskRef.mrs(cmd.getJsonNumber("id").toString());
        clock.advance(Duration.ofMinutes(5));
        assertEquals("COMPLETE", SimHttp.json(http().get(SimHttp.pollPath(ref))).getString("state"));

        HttpResponse<String> stop = http().post("/web/v1/maintain/cluster/1/service/HDFS/stop", "application/json", "{}");
        assertEquals(200, stop.statusCode());
        assertTrue(SimHttp.json(stop).getJsonNumber("id").longValue() >= 0);
        assertEquals(404, http().post("/web/v1/service/HDFS/restart", "application/json", "{}").statusCode(),
                "no such Manager path");
        assertEquals(2, sim.journal().totalSubmissions());
    }

    @Test
    void dwsScaleOut_answers200WithoutBody_andStartsNoJob() {
        HttpResponse<String> r = http().post("/v1.0/" + P + "/clusters/dws-1/resize", "application/json",
                "{\"scale_out\":{\"count\":3}}");
        assertEquals(200, r.statusCode());
        assertEquals("", r.body());
        assertEquals(0, sim.journal().totalSubmissions());
        assertEquals(List.of(Endpoint.ACCEPT), sim.journal().entries().stream().map(JournalEntry::endpoint).toList());
        for (String op : List.of("cns/batch-create", "cns/batch-delete", "cluster-shrink")) {
            HttpResponse<String> job = http().post("/v1.0/" + P + "/clusters/dws-1/" + op, "application/json", "{}");
            assertEquals(200, job.statusCode(), op);
            assertEquals(Set.of("job_id"), SimHttp.json(job).keySet(), op);
        }
        assertEquals(3, sim.journal().totalSubmissions());
    }

    @Test
    void badSimulatorParameter_rejected400InServiceShape() {
        HttpResponse<String> r = http().post("/v1.0/" + P + "/clusters/dws-1/cns/batch-create?sim-duration=soon", "application/json", "{}");
        assertEquals(400, r.statusCode());
        assertEquals("DWS.0001", SimHttp.json(r).getString("error_code"));
        assertTrue(SimHttp.json(r).getString("error_msg").contains("sim-duration"));
        HttpResponse<String> mrs = http().post("/web/v1/maintain/cluster/1/service/HDFS/start?sim-fail-code=ABC", "application/json", "{}");
        assertEquals(400, mrs.statusCode());
        assertEquals(12000, SimHttp.json(mrs).getInt("error_code"));
        assertEquals(0, sim.journal().totalSubmissions());
    }

    @Test
    void defaultTimeline_configuredInBuilder_usedByOperationEndpoint() {
        try (CloudSimulator custom = CloudSimulator.builder().clock(clock)
                .defaultTimeline(CloudService.DWS, Timeline.builder().duration(Duration.ofSeconds(10)).build()).start()) {
            SimHttp h = new SimHttp(custom);
            String id = SimHttp.json(h.post("/v1.0/" + P + "/clusters/x/cns/batch-create", "application/json", "{}")).getString("job_id");
            clock.advance(Duration.ofSeconds(10));
            assertEquals("SUCCESS", SimHttp.json(h.get(SimHttp.pollPath(TaskRef.dws(P, id)))).getString("status"));
        }
    }

    @Test
    void journalAndCounters_javaAndHttp_agree() {
        String id = SimHttp.json(http().post("/v1.0/" + P + "/clusters/c/cns/batch-create", "application/json", "{}")).getString("job_id");
        TaskRef ref = TaskRef.dws(P, id);
        for (int i = 0; i < 3; i++) {
            http().get(SimHttp.pollPath(ref));
        }
        TaskRef javaTask = sim.createTask(CloudService.CCE, Timeline.builder().build());
        http().get(SimHttp.pollPath(javaTask));
        assertEquals(new TaskCounters(id, 1, 3), sim.journal().counters(id));
        assertEquals(new TaskCounters(javaTask.taskId(), 0, 1), sim.counters(javaTask));
        assertEquals(1, sim.journal().totalSubmissions());
        assertEquals(4, sim.journal().totalPolls());

        List<JournalEntry> entries = sim.journal().entries();
        assertEquals(5, entries.size());
        JournalEntry submit = entries.get(0);
        assertEquals("POST", submit.method());
        assertEquals("/v1.0/" + P + "/clusters/c/cns/batch-create", submit.path());
        assertEquals(200, submit.status());
        assertEquals(Endpoint.SUBMIT, submit.endpoint());
        assertEquals(CloudService.DWS, submit.service());
        assertEquals(id, submit.taskId());
        assertEquals(clock.instant(), submit.time());

        JsonObject counters = SimHttp.json(http().get("/_sim/counters"));
        assertEquals(1, counters.getInt("total_submissions"));
        assertEquals(4, counters.getInt("total_polls"));
        assertEquals(3, counters.getJsonObject("tasks").getJsonObject(id).getInt("polls"));
        assertEquals(1, counters.getJsonObject("tasks").getJsonObject(id).getInt("submissions"));
        var journal = jakarta.json.Json.createReader(new java.io.StringReader(http().get("/_sim/journal").body())).readArray();
        assertEquals(5, journal.size(), "admin requests are not journaled");
        assertEquals(id, journal.getJsonObject(1).getString("task_id"));
        assertEquals("POLL", journal.getJsonObject(1).getString("endpoint"));
    }

    @Test
    void adminEndpoints_faultsClockReset_workOverHttp() {
        TaskRef ref = sim.createTask(CloudService.DWS, Timeline.builder().duration(Duration.ofMinutes(1)).build());
        assertEquals(204, http().post("/_sim/faults", "application/json",
                "{\"fault\":\"throttle\",\"retry_after\":\"3s\",\"task\":\"" + ref.taskId() + "\",\"times\":1}").statusCode());
        HttpResponse<String> limited = http().get(SimHttp.pollPath(ref));
        assertEquals(429, limited.statusCode());
        assertEquals("3", limited.headers().firstValue("Retry-After").orElseThrow());
        JsonObject advanced = SimHttp.json(http().post("/_sim/clock/advance?by=1m", null, ""));
        assertEquals(clock.instant().toString(), advanced.getString("now"));
        assertEquals("SUCCESS", SimHttp.json(http().get(SimHttp.pollPath(ref))).getString("status"));
        assertEquals(clock.instant().toString(), SimHttp.json(http().get("/_sim/clock")).getString("now"));
        assertEquals(1, jakarta.json.Json.createReader(new java.io.StringReader(http().get("/_sim/tasks").body()))
                .readArray().size());
        assertEquals(400, http().post("/_sim/faults", "application/json", "{\"fault\":\"explode\"}").statusCode());
        assertEquals(204, http().post("/_sim/reset", null, "").statusCode());
        assertTrue(sim.tasks().isEmpty());
        assertEquals(0, sim.journal().entries().size());
    }

    @Test
    void chunkedRequestBody_accepted() {
        var req = java.net.http.HttpRequest.newBuilder(http().uri("/v1.0/" + P + "/clusters/c/cns/batch-create?sim-duration=1m"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream("{\"simulator\":{\"name\":\"chunky\"}}".getBytes())))
                .build();
        HttpResponse<String> r = http().send(java.net.http.HttpRequest.newBuilder(req, (n, v) -> true));
        assertEquals(200, r.statusCode(), r.body());
        String id = SimHttp.json(r).getString("job_id");
        assertEquals("chunky", SimHttp.json(http().get(SimHttp.pollPath(TaskRef.dws(P, id)))).getString("job_name"));
    }

    @Test
    void dcsTaskList_resizesOfTwoInstances_newestFirstPerInstance() {
        http().post("/v2/" + P + "/instances/inst-1/resize", "application/json", "{\"new_capacity\":2}");
        clock.advance(Duration.ofSeconds(3));
        http().post("/v2/" + P + "/instances/inst-2/resize", "application/json", "{\"new_capacity\":2}");
        clock.advance(Duration.ofSeconds(3));
        http().post("/v2/" + P + "/instances/inst-1/resize?sim-name=RestartInstance", "application/json", "{}");

        JsonObject list = SimHttp.json(http().get("/v2/" + P + "/instances/inst-1/tasks"));

        assertEquals("2", list.getString("task_count"));
        assertEquals("RestartInstance", list.getJsonArray("tasks").getJsonObject(0).getString("name"));
        assertEquals("EXTEND", list.getJsonArray("tasks").getJsonObject(1).getString("name"));
        assertEquals(3, sim.journal().totalSubmissions());
        assertEquals(Endpoint.TASK_LIST, sim.journal().entries().get(3).endpoint());
    }

    @Test
    void slowAnswer_clientGivesUp_operationStartedAnyway() {
        sim.faults().forEndpoint(Endpoint.SUBMIT).next(1, InjectedFault.slowAnswer(Duration.ofSeconds(2)));
        var request = java.net.http.HttpRequest.newBuilder(http().uri("/v1.0/" + P + "/clusters/c/cns/batch-create"))
                .timeout(Duration.ofMillis(300)).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build();

        org.junit.jupiter.api.Assertions.assertThrows(java.net.http.HttpTimeoutException.class,
                () -> java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()));

        assertEquals(1, sim.journal().totalSubmissions(), "the operation was processed before the answer was held back");
        assertEquals(1, sim.tasks().size());
    }

    @Test
    void connectionDroppedAfterAccepting_taskExistsButNoAnswer() {
        sim.faults().forService(CloudService.CCE).endpoint(Endpoint.SUBMIT).next(1, InjectedFault.connectionReset());

        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> http().post("/api/v3/projects/" + P + "/clusters/c-1/nodes", "application/json", "{}"));

        JournalEntry e = sim.journal().entries().get(0);
        assertEquals(0, e.status(), "no answer was sent");
        assertEquals(1, sim.counters(TaskRef.cce(P, e.taskId())).submissions());
    }
}
