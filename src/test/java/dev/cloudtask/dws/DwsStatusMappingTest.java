package dev.cloudtask.dws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cloudtask.Fixtures;
import dev.cloudtask.TaskState;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.internal.LenientJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DwsStatusMappingTest {
    @ParameterizedTest
    @CsvSource({"INIT,RUNNING", "WAITING,RUNNING", "RUNNING,RUNNING", "DELAY_SCHEDULED,RUNNING",
        "SUCCESS,SUCCEEDED", "FAIL,FAILED", "ERROR,FAILED", "STOP,FAILED", "PAUSED,UNKNOWN"})
    void toStatus_eachStatus_mapsPerTable(String status, TaskState expected) {
        TaskStatus s = DwsStatusMapping.toStatus(new DwsJob("j", "n", null, null, status, null, null, "50%"));
        assertEquals(expected, s.state());
        assertEquals(status, s.remoteState());
        assertEquals(50, s.percent());
    }

    @Test
    void toStatus_fixture_failedWithCodeAndDetail() {
        TaskStatus s = DwsStatusMapping.toStatus(LenientJson.read(Fixtures.text(Fixtures.DWS_JOB), DwsJob.class));
        assertEquals(TaskState.FAILED, s.state());
        assertEquals(9, s.percent());
        assertEquals("CreateELBTask-fail:DWS.0114", s.errorCode());
        assertEquals("DWS.0114:ELB private IP is not configured.", s.errorMessage());
    }

    @Test
    void toStatus_blankFailureFieldsAndBadProgress_absent() {
        TaskStatus s = DwsStatusMapping.toStatus(new DwsJob("j", "n", null, null, "RUNNING", " ", "", "abc%"));
        assertNull(s.errorCode());
        assertNull(s.errorMessage());
        assertNull(s.percent());
    }

    @Test
    void toStatus_missingStatusOrJob_unknown() {
        assertEquals(TaskState.UNKNOWN, DwsStatusMapping.toStatus(LenientJson.read("{}", DwsJob.class)).state());
        assertEquals(TaskState.UNKNOWN, DwsStatusMapping.toStatus(null).state());
    }
}
