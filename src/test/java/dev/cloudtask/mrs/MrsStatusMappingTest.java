package dev.cloudtask.mrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cloudtask.Fixtures;
import dev.cloudtask.TaskState;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.internal.LenientJson;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MrsStatusMappingTest {
    static MrsCommandProgress progress(String state, String code, String description, MrsResult res) {
        return new MrsCommandProgress(1L, state, code, description, "42.7", res);
    }

    @ParameterizedTest
    @CsvSource({"NEW,RUNNING", "IN_PROGRESS,RUNNING", "COMPLETE,SUCCEEDED", "FAILED,FAILED", "ROLLING_BACK,UNKNOWN"})
    void toStatus_eachState_mapsPerTable(String state, TaskState expected) {
        TaskStatus s = MrsStatusMapping.toStatus(progress(state, "0", "", null));
        assertEquals(expected, s.state());
        assertEquals(state, s.remoteState());
        assertEquals(42, s.percent());
    }

    @Test
    void toStatus_fixtureComplete_noErrorAndStepsSucceeded() {
        TaskStatus s = MrsStatusMapping.toStatus(
                LenientJson.read(Fixtures.text(Fixtures.MRS_PROGRESS), MrsCommandProgress.class));
        assertEquals(TaskState.SUCCEEDED, s.state());
        assertEquals(0, s.percent());
        assertNull(s.errorCode());
        assertNull(s.errorMessage());
        assertEquals("string", s.steps().get(0).name());
        assertEquals(TaskState.SUCCEEDED, s.steps().get(0).state());
    }

    @Test
    void toStatus_failed_codeDescriptionAndFailedEntities() {
        MrsResult res = new MrsResult("7", List.of(new MrsStep("Stop HDFS", "")),
                List.of(new MrsFailEntity("DataNode@node-1", "STOP")), 1);
        TaskStatus s = MrsStatusMapping.toStatus(progress("FAILED", "12-0001", "stop failed", res));
        assertEquals(TaskState.FAILED, s.state());
        assertEquals("12-0001", s.errorCode());
        assertEquals("stop failed; failed: DataNode@node-1 (STOP)", s.errorMessage());
        assertEquals(TaskState.UNKNOWN, s.steps().get(0).state());
        assertNull(s.steps().get(0).remoteState());
    }

    @Test
    void toStatus_failedWithZeroCode_codeAbsentMessageKept() {
        TaskStatus s = MrsStatusMapping.toStatus(progress("FAILED", "0", "broken", null));
        assertNull(s.errorCode());
        assertEquals("broken", s.errorMessage());
    }

    @Test
    void toStatus_missingEverything_unknown() {
        TaskStatus s = MrsStatusMapping.toStatus(LenientJson.read("{}", MrsCommandProgress.class));
        assertEquals(TaskState.UNKNOWN, s.state());
        assertNull(s.percent());
        assertEquals(TaskState.UNKNOWN, MrsStatusMapping.toStatus(null).state());
    }
}
