package dev.cloudtask.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every progress shape and ending, read over real HTTP at chosen virtual instants. */
@WithCloudSimulator
class TimelineShapesTest {
    CloudSimulator sim;
    VirtualClock clock;

    private JsonObject poll(TaskRef ref) {
        var r = new SimHttp(sim).get(SimHttp.pollPath(ref));
        assertEquals(200, r.statusCode(), r.body());
        return SimHttp.json(r);
    }

    @Test
    void dwsLinear_polledOverTime_progressGrowsThenSucceeds() {
        TaskRef ref = sim.createTask(CloudService.DWS, Timeline.builder().duration(Duration.ofMinutes(10))
                .queuedFor(Duration.ofSeconds(10)).build());
        JsonObject queued = poll(ref);
        assertEquals("INIT", queued.getString("status"));
        assertEquals("0%", queued.getString("progress"));
        clock.advance(Duration.ofSeconds(10).plusMinutes(1));
        JsonObject running = poll(ref);
        assertEquals("RUNNING", running.getString("status"));
        assertEquals("10%", running.getString("progress"));
        assertFalse(running.containsKey("end_time"));
        clock.advance(Duration.ofMinutes(4));
        assertEquals("50%", poll(ref).getString("progress"));
        clock.advance(Duration.ofMinutes(5));
        JsonObject done = poll(ref);
        assertEquals("SUCCESS", done.getString("status"));
        assertEquals("100%", done.getString("progress"));
        java.time.Instant created = sim.task(CloudService.DWS, ref.taskId()).orElseThrow().createdAt();
        assertEquals(TimeFormats.dws(created.plusSeconds(610)), done.getString("end_time"));
        assertEquals(TimeFormats.dws(created), done.getString("begin_time"));
        assertTrue(done.getString("end_time").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"));
    }

    @Test
    void dwsFailure_afterDuration_reportsFailedCodeDetailAndProgress() {
        TaskRef ref = sim.createTask(CloudService.DWS, Timeline.builder().duration(Duration.ofMinutes(5))
                .fails("CreateELBTask-fail:DWS.0114", "DWS.0114:ELB private IP is not configured.", 9).build());
        clock.advance(Duration.ofMinutes(5));
        JsonObject failed = poll(ref);
        assertEquals("FAIL", failed.getString("status"));
        assertEquals("9%", failed.getString("progress"));
        assertEquals("CreateELBTask-fail:DWS.0114", failed.getString("failed_code"));
        assertEquals("DWS.0114:ELB private IP is not configured.", failed.getString("failed_detail"));
    }

    @Test
    void dcsSteps_midway_stepStatusesAndProgressJump() {
        TaskRef ref = sim.createTask(CloudService.DCS, Timeline.builder().duration(Duration.ofMinutes(4))
                .shape(ProgressShape.STEPS).step("Pre-check.", "Resource check.", "Instance status check.")
                .step("Data migration.").build());
        clock.advance(Duration.ofMinutes(1));
        JsonObject first = poll(ref);
        assertEquals(0, first.getInt("progress"));
        assertEquals(180, first.getInt("remain_time"));
        JsonArray steps = first.getJsonArray("step_details");
        assertEquals("EXECUTING", steps.getJsonObject(0).getString("step_status"));
        assertEquals("FINISH", steps.getJsonObject(0).getJsonArray("sub_step_details").getJsonObject(0)
                .getString("sub_step_status"));
        assertEquals("EXECUTING", steps.getJsonObject(0).getJsonArray("sub_step_details").getJsonObject(1)
                .getString("sub_step_status"));
        assertEquals("WAITING", steps.getJsonObject(1).getString("step_status"));
        java.time.Instant created = clock.instant().minusSeconds(60);
        assertEquals(TimeFormats.dcs(created), steps.getJsonObject(0).getString("begin_time"));
        clock.advance(Duration.ofMinutes(2));
        JsonObject second = poll(ref);
        assertEquals(50, second.getInt("progress"));
        assertEquals("FINISH", second.getJsonArray("step_details").getJsonObject(0).getString("step_status"));
        assertEquals(TimeFormats.dcs(created.plusSeconds(120)),
                second.getJsonArray("step_details").getJsonObject(0).getString("end_time"));
        clock.advance(Duration.ofMinutes(1));
        JsonObject done = poll(ref);
        assertEquals(100, done.getInt("progress"));
        assertEquals(0, done.getInt("remain_time"));
    }

    @Test
    void dcsFailure_inSecondStep_stepFailedWithErrorCodeAndDetail() {
        TaskRef ref = sim.createTask(CloudService.DCS, Timeline.builder().duration(Duration.ofMinutes(2))
                .step("Pre-check.").step("Data migration.", "Resource request.")
                .fails("DCS.4066", "slot migration failed", 75).build());
        clock.advance(Duration.ofMinutes(2));
        JsonArray steps = poll(ref).getJsonArray("step_details");
        assertEquals("FINISH", steps.getJsonObject(0).getString("step_status"));
        JsonObject failed = steps.getJsonObject(1);
        assertEquals("FAILED", failed.getString("step_status"));
        assertEquals("DCS.4066", failed.getString("error_code"));
        JsonObject sub = failed.getJsonArray("sub_step_details").getJsonObject(0);
        assertEquals("FAILED", sub.getString("sub_step_status"));
        assertEquals("slot migration failed", sub.getString("detail"));
    }

    @Test
    void stalled_duringStall_progressFrozenThenResumes() {
        TaskRef ref = sim.createTask(CloudService.MRS, Timeline.builder().duration(Duration.ofMinutes(20))
                .stall(Duration.ofMinutes(5), Duration.ofMinutes(10)).step("Restart").build());
        clock.advance(Duration.ofMinutes(5));
        assertEquals(50.0, poll(ref).getJsonNumber("total_progress").doubleValue());
        clock.advance(Duration.ofMinutes(9));
        JsonObject stalled = poll(ref);
        assertEquals(50.0, stalled.getJsonNumber("total_progress").doubleValue());
        assertEquals("IN_PROGRESS", stalled.getString("state"));
        clock.advance(Duration.ofMinutes(3).plusSeconds(30));
        assertEquals(75.0, poll(ref).getJsonNumber("total_progress").doubleValue());
        clock.advance(Duration.ofMinutes(3));
        JsonObject done = poll(ref);
        assertEquals("COMPLETE", done.getString("state"));
        assertEquals(0, done.getInt("error_code"));
    }

    @Test
    void dcsWithoutSteps_failed_oneImplicitFailedStepCarriesCodeAndDetail() {
        TaskRef ref = sim.createTask(CloudService.DCS, Timeline.builder().duration(Duration.ofMinutes(1))
                .fails("DCS.4066", "slot migration failed").build());
        assertEquals("EXECUTING", poll(ref).getJsonArray("step_details").getJsonObject(0).getString("step_status"));
        clock.advance(Duration.ofMinutes(2));
        JsonObject failed = poll(ref);
        assertEquals(1, failed.getJsonArray("step_details").size());
        JsonObject step = failed.getJsonArray("step_details").getJsonObject(0);
        assertEquals("Task", step.getString("step_name"));
        assertEquals("FAILED", step.getString("step_status"));
        assertEquals("DCS.4066", step.getString("error_code"));
        assertEquals("slot migration failed", step.getJsonArray("sub_step_details").getJsonObject(0).getString("detail"));
        assertEquals(50, failed.getInt("progress"));
    }

    @Test
    void notReported_dcsAndMrs_progressFieldsLeftOut() {
        Timeline t = Timeline.builder().shape(ProgressShape.NOT_REPORTED).step("One").build();
        TaskRef dcs = sim.createTask(CloudService.DCS, t);
        TaskRef mrs = sim.createTask(CloudService.MRS, t);
        TaskRef dws = sim.createTask(CloudService.DWS, t);
        clock.advance(Duration.ofSeconds(30));
        assertFalse(poll(dcs).containsKey("progress"));
        assertFalse(poll(dcs).containsKey("remain_time"));
        assertFalse(poll(mrs).containsKey("total_progress"));
        assertFalse(poll(dws).containsKey("progress"));
        assertEquals("RUNNING", poll(dws).getString("status"));
    }

    @Test
    void cceJob_queuedRunningSuccess_phasesAndSubJobs() {
        TaskRef ref = sim.createTask(CloudService.CCE, Timeline.builder().name("CreateCluster")
                .queuedFor(Duration.ofSeconds(30)).duration(Duration.ofMinutes(3))
                .step("InstallMaster").step("CreatePSMCert").step("InstallAddons").build());
        JsonObject queued = poll(ref);
        assertEquals("Initializing", queued.getJsonObject("status").getString("phase"));
        assertEquals("Job", queued.getString("kind"));
        assertEquals(ref.taskId(), queued.getJsonObject("metadata").getString("uid"));
        assertTrue(queued.getJsonObject("metadata").getString("creationTimestamp")
                .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{9} \\+0000 UTC"));
        clock.advance(Duration.ofSeconds(30 + 90));
        JsonObject running = poll(ref);
        assertEquals("Running", running.getJsonObject("status").getString("phase"));
        JsonArray subs = running.getJsonObject("spec").getJsonArray("subJobs");
        assertEquals("Success", subs.getJsonObject(0).getJsonObject("status").getString("phase"));
        assertEquals("Running", subs.getJsonObject(1).getJsonObject("status").getString("phase"));
        assertEquals("Initializing", subs.getJsonObject(2).getJsonObject("status").getString("phase"));
        assertEquals("CreatePSMCert", subs.getJsonObject(1).getJsonObject("spec").getString("type"));
        assertFalse(running.containsKey("progress"));
        clock.advance(Duration.ofMinutes(2));
        JsonObject done = poll(ref);
        assertEquals("Success", done.getJsonObject("status").getString("phase"));
        assertEquals("CreateCluster", done.getJsonObject("spec").getString("type"));
    }

    @Test
    void cceJob_failing_failedPhaseWithCodeAndDetailInReason() {
        TaskRef ref = sim.createTask(CloudService.CCE, Timeline.builder().duration(Duration.ofMinutes(1))
                .step("CreateServer").step("InstallNode").fails("CCE.01400007", "ECS quota exceeded", 10).build());
        clock.advance(Duration.ofMinutes(1));
        JsonObject failed = poll(ref);
        assertEquals("Failed", failed.getJsonObject("status").getString("phase"));
        assertEquals("CCE.01400007: ECS quota exceeded", failed.getJsonObject("status").getString("reason"));
        JsonObject sub = failed.getJsonObject("spec").getJsonArray("subJobs").getJsonObject(0);
        assertEquals("Failed", sub.getJsonObject("status").getString("phase"));
        assertEquals("Initializing", failed.getJsonObject("spec").getJsonArray("subJobs").getJsonObject(1)
                .getJsonObject("status").getString("phase"));
    }

    @Test
    void mrsFailure_numericCode_failedStateWithFailEntity() {
        TaskRef ref = sim.createTask(CloudService.MRS, Timeline.builder().duration(Duration.ofMinutes(1))
                .step("Stop service").step("Start service").fails("50011", "Start HDFS failed", 60).build());
        clock.advance(Duration.ofMinutes(1));
        JsonObject failed = poll(ref);
        assertEquals("FAILED", failed.getString("state"));
        assertEquals(50011, failed.getInt("error_code"));
        assertEquals("Start HDFS failed", failed.getString("error_description"));
        assertEquals(60.0, failed.getJsonNumber("total_progress").doubleValue());
        JsonObject res = failed.getJsonObject("res_obj");
        assertEquals(2, res.getInt("total_step_size"));
        assertEquals("Start service", res.getJsonArray("fail_entity_list").getJsonObject(0).getString("fail_entity"));
        assertTrue(failed.getJsonNumber("id").isIntegral());
    }

    @Test
    void stepsShapeWithoutSteps_usesFourImplicitSteps() {
        TaskRef ref = sim.createTask(CloudService.DWS, Timeline.builder().duration(Duration.ofMinutes(4))
                .shape(ProgressShape.STEPS).build());
        clock.advance(Duration.ofSeconds(119));
        assertEquals("25%", poll(ref).getString("progress"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals("50%", poll(ref).getString("progress"));
    }
}
