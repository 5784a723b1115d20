package dev.cloudtask.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The curve kinds and early failures, read over real HTTP at chosen virtual instants. Every task
 * runs 100 s from its creation, so a poll at {@code s} seconds is at {@code x = s / 100}.
 */
@WithCloudSimulator
class TimelineCurvesTest {
    private static final String P = CloudSimulator.DEFAULT_PROJECT_ID;
    private static final Duration RUN = Duration.ofSeconds(100);
    CloudSimulator sim;
    VirtualClock clock;
    private Instant created;

    private TaskRef create(CloudService service, Timeline.Builder b) {
        created = clock.instant();
        return sim.createTask(service, b.duration(RUN).build());
    }

    private JsonObject pollAt(TaskRef ref, double seconds) {
        clock.set(created.plusMillis(Math.round(seconds * 1000)));
        HttpResponse<String> r = new SimHttp(sim).get(SimHttp.pollPath(ref));
        assertEquals(200, r.statusCode(), r.body());
        return SimHttp.json(r);
    }

    private static Timeline.Builder steps(Timeline.Builder b, int n) {
        for (int i = 1; i <= n; i++) {
            b.step("step-" + i);
        }
        return b;
    }

    private static long cceDone(JsonObject job) {
        return job.getJsonObject("spec").getJsonArray("subJobs").stream()
                .filter(s -> s.asJsonObject().getJsonObject("status").getString("phase").equals("Success")).count();
    }

    private static String ccePhase(JsonObject job) {
        return job.getJsonObject("status").getString("phase");
    }

    private static double mrsPercent(JsonObject cmd) {
        return cmd.getJsonNumber("total_progress").doubleValue();
    }

    @Test
    void sCurve_eachService_slowThenFastThenSlow() {
        // 3x² − 2x³ at 0.25, 0.5, 0.75: 15.625 %, 50 %, 84.375 %
        TaskRef dws = create(CloudService.DWS, Timeline.builder().shape(ProgressShape.S_CURVE));
        assertEquals(List.of("15%", "50%", "84%"), List.of(pollAt(dws, 25).getString("progress"),
                pollAt(dws, 50).getString("progress"), pollAt(dws, 75).getString("progress")));
        assertEquals("RUNNING", pollAt(dws, 75).getString("status"));
        TaskRef mrs = create(CloudService.MRS, Timeline.builder().shape(ProgressShape.S_CURVE));
        assertEquals(15.0, mrsPercent(pollAt(mrs, 25)));
        assertEquals(84.0, mrsPercent(pollAt(mrs, 75)));
        TaskRef dcs = create(CloudService.DCS, steps(Timeline.builder().shape(ProgressShape.S_CURVE), 5));
        JsonObject early = pollAt(dcs, 25);
        assertEquals(15, early.getInt("progress"));
        assertEquals(141, early.getInt("remain_time"), "extrapolated from the percent: 25 s × 85 / 15");
        JsonObject late = pollAt(dcs, 75);
        assertEquals(84, late.getInt("progress"));
        assertEquals(14, late.getInt("remain_time"), "75 s × 16 / 84");
        TaskRef cce = create(CloudService.CCE, steps(Timeline.builder().shape(ProgressShape.S_CURVE), 20));
        assertEquals(List.of(3L, 10L, 16L), List.of(cceDone(pollAt(cce, 25)), cceDone(pollAt(cce, 50)),
                cceDone(pollAt(cce, 75))), "20 sub-jobs follow the curve");
        assertFalse(pollAt(cce, 75).containsKey("progress"));
        assertEquals("Success", ccePhase(pollAt(cce, 100)));
    }

    @Test
    void lateRush_dwsMrsDcs_flatUntilTheRushThenFast() {
        Timeline.Builder rush = Timeline.builder().lateRush(Duration.ofSeconds(70), 10);
        TaskRef dws = create(CloudService.DWS, rush);
        assertEquals(List.of("5%", "10%", "55%", "97%"), List.of(pollAt(dws, 35).getString("progress"),
                pollAt(dws, 70).getString("progress"), pollAt(dws, 85).getString("progress"),
                pollAt(dws, 99).getString("progress")));
        TaskRef mrs = create(CloudService.MRS, rush);
        assertEquals(55.0, mrsPercent(pollAt(mrs, 85)));
        TaskRef dcs = create(CloudService.DCS, rush);
        JsonObject flat = pollAt(dcs, 35);
        assertEquals(5, flat.getInt("progress"));
        assertEquals(665, flat.getInt("remain_time"), "35 s × 95 / 5: the flat part misleads the estimate");
        assertEquals("SUCCESS", pollAt(dws, 100).getString("status"));
    }

    @Test
    void dips_duringAndAfterEachDip_percentAndSubJobsGoBackwardsThenRecover() {
        Timeline.Builder dips = Timeline.builder().dip(Duration.ofSeconds(81), Duration.ofSeconds(4), 3)
                .dip(Duration.ofSeconds(90), Duration.ofSeconds(2), 2.5);
        TaskRef dws = create(CloudService.DWS, dips);
        assertEquals(List.of("80%", "79%", "85%", "88%", "92%"), List.of(pollAt(dws, 80).getString("progress"),
                pollAt(dws, 82).getString("progress"), pollAt(dws, 85).getString("progress"),
                pollAt(dws, 91).getString("progress"), pollAt(dws, 92).getString("progress")));
        TaskRef dcs = create(CloudService.DCS, dips);
        assertEquals(80, pollAt(dcs, 80).getInt("progress"));
        JsonObject back = pollAt(dcs, 82);
        assertEquals(79, back.getInt("progress"));
        assertEquals(21, back.getInt("remain_time"), "82 s × 21 / 79");
        TaskRef mrs = create(CloudService.MRS, dips);
        assertEquals(78.0, mrsPercent(pollAt(mrs, 81)));
        TaskRef cce = create(CloudService.CCE, steps(dips, 20));
        JsonObject before = pollAt(cce, 80);
        assertEquals(16, cceDone(before));
        JsonObject during = pollAt(cce, 82);
        assertEquals(15, cceDone(during), "the 16th sub-job is running again");
        assertEquals("Running", during.getJsonObject("spec").getJsonArray("subJobs").getJsonObject(15)
                .getJsonObject("status").getString("phase"));
        assertEquals(17, cceDone(pollAt(cce, 85)));
    }

    @Test
    void overshoot_eachService_reports100WhileStillRunning() {
        Timeline.Builder over = Timeline.builder().overshoot(Duration.ofSeconds(80));
        TaskRef dws = create(CloudService.DWS, over);
        assertEquals("50%", pollAt(dws, 40).getString("progress"));
        JsonObject full = pollAt(dws, 90);
        assertEquals("100%", full.getString("progress"));
        assertEquals("RUNNING", full.getString("status"));
        assertFalse(full.containsKey("end_time"));
        assertEquals("SUCCESS", pollAt(dws, 100).getString("status"));

        TaskRef mrs = create(CloudService.MRS, over);
        JsonObject cmd = pollAt(mrs, 80);
        assertEquals(100.0, mrsPercent(cmd));
        assertEquals("IN_PROGRESS", cmd.getString("state"));

        TaskRef dcs = create(CloudService.DCS, Timeline.builder().overshoot(Duration.ofSeconds(80)).step("Prepare")
                .step("Migrate", "Copy slots", "Switch over"));
        JsonObject task = pollAt(dcs, 90);
        assertEquals(100, task.getInt("progress"));
        assertEquals(0, task.getInt("remain_time"));
        JsonArray dcsSteps = task.getJsonArray("step_details");
        assertEquals("FINISH", dcsSteps.getJsonObject(0).getString("step_status"));
        JsonObject last = dcsSteps.getJsonObject(1);
        assertEquals("EXECUTING", last.getString("step_status"), "a DCS task shows it is running in its steps");
        assertFalse(last.containsKey("end_time"));
        assertEquals(List.of("FINISH", "EXECUTING"), last.getJsonArray("sub_step_details").stream()
                .map(s -> s.asJsonObject().getString("sub_step_status")).toList());
        JsonArray done = pollAt(dcs, 100).getJsonArray("step_details");
        assertEquals("FINISH", done.getJsonObject(1).getString("step_status"));

        TaskRef cce = create(CloudService.CCE, steps(Timeline.builder().overshoot(Duration.ofSeconds(80)), 20));
        JsonObject job = pollAt(cce, 90);
        assertEquals(20, cceDone(job), "every sub-job done");
        assertEquals("Running", ccePhase(job), "while the job still runs");
    }

    @Test
    void coarseSteps_unevenSteps_quarterJumpsAtTheEnds() {
        Timeline.Builder coarse = Timeline.builder().coarseSteps(Duration.ofSeconds(10), Duration.ofSeconds(50),
                Duration.ofSeconds(60));
        TaskRef dws = create(CloudService.DWS, coarse);
        assertEquals(List.of("0%", "25%", "25%", "50%", "75%", "75%"), List.of(pollAt(dws, 9.999).getString("progress"),
                pollAt(dws, 10).getString("progress"), pollAt(dws, 49).getString("progress"),
                pollAt(dws, 55).getString("progress"), pollAt(dws, 60).getString("progress"),
                pollAt(dws, 99).getString("progress")));
        TaskRef mrs = create(CloudService.MRS, coarse);
        assertEquals(50.0, mrsPercent(pollAt(mrs, 55)));
        TaskRef cce = create(CloudService.CCE, steps(coarse, 4));
        assertEquals(List.of(0L, 1L, 2L, 3L), List.of(cceDone(pollAt(cce, 9)), cceDone(pollAt(cce, 10)),
                cceDone(pollAt(cce, 50)), cceDone(pollAt(cce, 99))));
        JsonObject second = pollAt(cce, 50).getJsonObject("spec").getJsonArray("subJobs").getJsonObject(1);
        assertEquals(TimeFormats.cce(created.plusSeconds(50)), second.getJsonObject("metadata").getString("updateTimestamp"),
                "the second sub-job ends at the second step end");
        TaskRef dcs = create(CloudService.DCS, coarse);
        JsonObject half = pollAt(dcs, 55);
        assertEquals(50, half.getInt("progress"));
        assertEquals(55, half.getInt("remain_time"));
    }

    @Test
    void earlyFailure_eachService_failedWithTheProgressReachedAndTheServicesFields() {
        // S-curve at 0.4: 0.352 of the work, in the second of four steps
        Timeline.Builder b = steps(Timeline.builder().shape(ProgressShape.S_CURVE), 4);
        TaskRef dws = create(CloudService.DWS, b.failsAfter(Duration.ofSeconds(40), "DWS.0114", "no ELB"));
        assertEquals("RUNNING", pollAt(dws, 39.999).getString("status"));
        JsonObject failed = pollAt(dws, 40);
        assertEquals("FAIL", failed.getString("status"));
        assertEquals("35%", failed.getString("progress"));
        assertEquals("DWS.0114", failed.getString("failed_code"));
        assertEquals("no ELB", failed.getString("failed_detail"));
        assertEquals(TimeFormats.dws(created.plusSeconds(40)), failed.getString("end_time"));
        assertEquals(created.plusSeconds(40), sim.task(CloudService.DWS, dws.taskId()).orElseThrow().endsAt());

        TaskRef mrs = create(CloudService.MRS, b.failsAfter(Duration.ofSeconds(40), "50011", "Start HDFS failed"));
        JsonObject cmd = pollAt(mrs, 40);
        assertEquals("FAILED", cmd.getString("state"));
        assertEquals(50011, cmd.getInt("error_code"));
        assertEquals("Start HDFS failed", cmd.getString("error_description"));
        assertEquals(35.0, mrsPercent(cmd));
        assertEquals("step-2", cmd.getJsonObject("res_obj").getJsonArray("fail_entity_list").getJsonObject(0)
                .getString("fail_entity"));

        TaskRef dcs = create(CloudService.DCS, b.failsAfter(Duration.ofSeconds(40), "DCS.4066", "slot migration failed"));
        JsonObject task = pollAt(dcs, 40);
        assertEquals(35, task.getInt("progress"));
        assertEquals(0, task.getInt("remain_time"));
        assertEquals(List.of("FINISH", "FAILED", "WAITING", "WAITING"), task.getJsonArray("step_details").stream()
                .map(s -> s.asJsonObject().getString("step_status")).toList());
        assertEquals("DCS.4066", task.getJsonArray("step_details").getJsonObject(1).getString("error_code"));

        TaskRef cce = create(CloudService.CCE, b.failsAfter(Duration.ofSeconds(40), "CCE.01400007", "quota"));
        assertEquals("Running", ccePhase(pollAt(cce, 39)));
        JsonObject job = pollAt(cce, 40);
        assertEquals("Failed", ccePhase(job));
        assertEquals("CCE.01400007: quota", job.getJsonObject("status").getString("reason"));
        assertEquals(List.of("Success", "Failed", "Initializing", "Initializing"), job.getJsonObject("spec")
                .getJsonArray("subJobs").stream().map(s -> s.asJsonObject().getJsonObject("status").getString("phase"))
                .toList());
    }

    @Test
    void earlyFailure_afterOvershootReached100_failsInTheLastStep() {
        Timeline.Builder b = Timeline.builder().overshoot(Duration.ofSeconds(80)).step("Prepare").step("Migrate");
        TaskRef dcs = create(CloudService.DCS, b.failsAfter(Duration.ofSeconds(90), "DCS.4066", "switch-over failed"));
        assertEquals(100, pollAt(dcs, 89).getInt("progress"));
        JsonObject task = pollAt(dcs, 90);
        assertEquals(99, task.getInt("progress"), "a failed task reports at most 99 %");
        JsonArray dcsSteps = task.getJsonArray("step_details");
        assertEquals("FINISH", dcsSteps.getJsonObject(0).getString("step_status"));
        assertEquals("FAILED", dcsSteps.getJsonObject(1).getString("step_status"));
        assertEquals("DCS.4066", dcsSteps.getJsonObject(1).getString("error_code"));
        TaskRef cce = create(CloudService.CCE, b.failsAfter(Duration.ofSeconds(90), "CCE.01400007", "quota"));
        JsonObject job = pollAt(cce, 90);
        assertEquals("Failed", ccePhase(job));
        assertEquals("Failed", job.getJsonObject("spec").getJsonArray("subJobs").getJsonObject(1)
                .getJsonObject("status").getString("phase"));
    }

    @Test
    void queryParameters_operationEndpoint_createCurveTimelines() {
        String base = "/v1.0/" + P + "/clusters/dws-1/cns/batch-create?sim-queued=0s&sim-duration=100s&";
        TaskRef over = post(base + "sim-full-at=80s");
        TaskRef dips = post(base + "sim-dips=81s/4s/3,90s/2s/2.5");
        TaskRef rush = post(base + "sim-rush-after=70s&sim-rush-from=10");
        TaskRef coarse = post(base + "sim-step-ends=10s,50s,60s");
        TaskRef s = post(base + "sim-shape=s_curve&sim-fail-after=40s&sim-fail-code=DWS.0114&sim-fail-detail=x");
        clock.advance(Duration.ofSeconds(25));
        assertEquals("15%", poll(s).getString("progress"));
        clock.advance(Duration.ofSeconds(15));
        assertEquals("FAIL", poll(s).getString("status"));
        assertEquals("35%", poll(s).getString("progress"));
        clock.advance(Duration.ofSeconds(15));
        assertEquals("50%", poll(coarse).getString("progress"));
        clock.advance(Duration.ofSeconds(27));
        assertEquals("79%", poll(dips).getString("progress"));
        clock.advance(Duration.ofSeconds(3));
        assertEquals("55%", poll(rush).getString("progress"));
        clock.advance(Duration.ofSeconds(5));
        assertEquals("100%", poll(over).getString("progress"));
        assertEquals("RUNNING", poll(over).getString("status"));
    }

    @Test
    void jsonBody_operationEndpoint_createCurveTimelines() {
        String path = "/v1.0/" + P + "/clusters/dws-1/cns/batch-create";
        TaskRef dips = postJson(path, "{\"queued\":\"0s\",\"duration\":\"100s\",\"dips\":[\"81s/4s/3\"]}");
        TaskRef coarse = postJson(path, "{\"queued\":\"0s\",\"duration\":\"100s\",\"step_ends\":[\"10s\",\"50s\"]}");
        TaskRef rush = postJson(path, "{\"queued\":\"0s\",\"duration\":\"100s\",\"rush_after\":\"70s\",\"rush_from\":10}");
        clock.advance(Duration.ofSeconds(55));
        assertEquals("66%", poll(coarse).getString("progress"), "two ends: three steps of 33 %");
        clock.advance(Duration.ofSeconds(27));
        assertEquals("79%", poll(dips).getString("progress"));
        clock.advance(Duration.ofSeconds(3));
        assertEquals("55%", poll(rush).getString("progress"));
    }

    @Test
    void malformedCurveParameters_rejected400NamingTheParameter() {
        String base = "/v1.0/" + P + "/clusters/dws-1/cns/batch-create?sim-duration=100s&";
        assertRejected(base + "sim-dips=81s/4s", "sim-dips");
        assertRejected(base + "sim-dips=81s/4s/0", "sim-dips");
        assertRejected(base + "sim-rush-after=70s", "sim-rush-from");
        assertRejected(base + "sim-rush-after=70s&sim-rush-from=ten", "sim-rush-from");
        assertRejected(base + "sim-step-ends=10s,soon", "sim-step-ends");
        assertRejected(base + "sim-fail-after=40s", "sim-fail-code");
        assertRejected(base + "sim-shape=WOBBLY", "S_CURVE, LATE_RUSH, DIPS, OVERSHOOT, COARSE_STEPS");
        assertEquals(0, sim.journal().totalSubmissions());
    }

    private void assertRejected(String path, String named) {
        HttpResponse<String> r = new SimHttp(sim).post(path, "application/json", "{}");
        assertEquals(400, r.statusCode(), path);
        String message = SimHttp.json(r).getString("error_msg");
        assertTrue(message.contains(named), message);
    }

    private TaskRef post(String path) {
        HttpResponse<String> r = new SimHttp(sim).post(path, "application/json", "{}");
        assertEquals(200, r.statusCode(), r.body());
        return TaskRef.dws(P, SimHttp.json(r).getString("job_id"));
    }

    private TaskRef postJson(String path, String simulator) {
        HttpResponse<String> r = new SimHttp(sim).post(path, "application/json", "{\"simulator\":" + simulator + "}");
        assertEquals(200, r.statusCode(), r.body());
        return TaskRef.dws(P, SimHttp.json(r).getString("job_id"));
    }

    private JsonObject poll(TaskRef ref) {
        HttpResponse<String> r = new SimHttp(sim).get(SimHttp.pollPath(ref));
        assertEquals(200, r.statusCode(), r.body());
        return SimHttp.json(r);
    }
}
