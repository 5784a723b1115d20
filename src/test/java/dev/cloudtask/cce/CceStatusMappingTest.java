package dev.cloudtask.cce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cloudtask.Fixtures;
import dev.cloudtask.TaskState;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.internal.LenientJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CceStatusMappingTest {
    static CceJob job(String phase, String reason, String subJobs) {
        return LenientJson.read("{\"status\":{\"phase\":" + (phase == null ? "null" : "\"" + phase + "\"")
                + ",\"reason\":\"" + reason + "\"},\"spec\":{\"subJobs\":[" + subJobs + "]}}", CceJob.class);
    }

    static String sub(String type, String phase, String reason) {
        return "{\"spec\":{\"type\":\"" + type + "\"},\"status\":{\"phase\":\"" + phase + "\",\"reason\":\"" + reason + "\"}}";
    }

    @ParameterizedTest
    @CsvSource({"Initializing,RUNNING", "Running,RUNNING", "Success,SUCCEEDED", "Failed,FAILED",
        "Paused,UNKNOWN", "running,RUNNING"})
    void toStatus_eachPhase_mapsPerTable(String phase, TaskState expected) {
        TaskStatus s = CceStatusMapping.toStatus(job(phase, "", ""));
        assertEquals(expected, s.state());
        assertEquals(phase, s.remoteState());
        assertNull(s.percent());
    }

    @Test
    void toStatus_missingStatus_unknownWithNullRemote() {
        TaskStatus s = CceStatusMapping.toStatus(LenientJson.read("{\"kind\":\"Job\"}", CceJob.class));
        assertEquals(TaskState.UNKNOWN, s.state());
        assertNull(s.remoteState());
        assertEquals(0, s.subTasksTotal());
        assertEquals(TaskState.UNKNOWN, CceStatusMapping.toStatus(null).state());
    }

    @Test
    void toStatus_fixture_countsSubJobsAsSteps() {
        TaskStatus s = CceStatusMapping.toStatus(LenientJson.read(Fixtures.text(Fixtures.CCE_JOB), CceJob.class));
        assertEquals(TaskState.RUNNING, s.state());
        assertEquals(2, s.subTasksDone());
        assertEquals(2, s.subTasksTotal());
        assertEquals("InstallMaster", s.steps().get(0).name());
        assertEquals("Success", s.steps().get(0).remoteState());
        assertEquals(TaskState.SUCCEEDED, s.steps().get(0).state());
    }

    @Test
    void toStatus_runningWithMixedSubJobs_countsOnlySucceeded() {
        TaskStatus s = CceStatusMapping.toStatus(job("Running", "",
                sub("A", "Success", "") + "," + sub("B", "Running", "") + "," + sub("C", "Initializing", "")));
        assertEquals(1, s.subTasksDone());
        assertEquals(3, s.subTasksTotal());
        assertEquals(TaskState.RUNNING, s.steps().get(1).state());
    }

    @Test
    void toStatus_failedWithReason_reasonIsMessage() {
        TaskStatus s = CceStatusMapping.toStatus(job("Failed", "quota exceeded", sub("A", "Failed", "x")));
        assertEquals(TaskState.FAILED, s.state());
        assertEquals("quota exceeded", s.errorMessage());
        assertNull(s.errorCode());
    }

    @Test
    void toStatus_failedWithoutReason_namesFailedSubJob() {
        TaskStatus s = CceStatusMapping.toStatus(job("Failed", "",
                sub("InstallMaster", "Success", "") + "," + sub("CreateNode", "Failed", "no capacity")));
        assertEquals("sub-job CreateNode failed: no capacity", s.errorMessage());
        assertEquals(1, s.subTasksDone());
    }

    @Test
    void toStatus_failedWithEmptyReasonAndMessage_messageIsTheFailureDetail() {
        CceJob job = LenientJson.read("{\"kind\":\"Job\",\"spec\":{\"type\":\"CreateNode\",\"subJobs\":[]},"
                + "\"status\":{\"phase\":\"Failed\",\"reason\":\"\",\"message\":\"create ecs failed: flavor sold out\"}}",
                CceJob.class);
        TaskStatus s = CceStatusMapping.toStatus(job);
        assertEquals(TaskState.FAILED, s.state());
        assertEquals("create ecs failed: flavor sold out", s.errorMessage());
        assertEquals("create ecs failed: flavor sold out", job.message());
    }

    @Test
    void toStatus_failedSubJobWithOnlyMessage_namesSubJobAndMessage() {
        CceJob job = LenientJson.read("{\"metadata\":{\"uid\":\"top-1\"},\"status\":{\"phase\":\"Failed\",\"reason\":\"\"},"
                + "\"spec\":{\"subJobs\":[{\"spec\":{\"type\":\"InstallNode\",\"ownerJob\":\"top-1\"},"
                + "\"status\":{\"phase\":\"Failed\",\"message\":\"install timed out\"}}]}}", CceJob.class);
        assertEquals("sub-job InstallNode failed: install timed out", CceStatusMapping.toStatus(job).errorMessage());
        assertEquals("top-1", job.subJobs().get(0).spec().ownerJob());
        assertNull(job.spec().ownerJob());
    }
}
