package dev.cloudtask.dcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cloudtask.Fixtures;
import dev.cloudtask.TaskState;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.internal.LenientJson;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DcsStatusMappingTest {
    static DcsStepDetail step(String name, String status, String code, DcsSubStepDetail... subs) {
        return new DcsStepDetail("id-" + name, name, status, null, null, code, List.of(subs));
    }

    static DcsSubStepDetail sub(String name, String status, String detail, String code) {
        return new DcsSubStepDetail("sid-" + name, name, status, null, null, detail, code);
    }

    static TaskStatus map(String progress, DcsStepDetail... steps) {
        return DcsStatusMapping.toStatus(new DcsTaskProgress(progress, 60L, List.of(steps)));
    }

    @ParameterizedTest
    @CsvSource({"EXECUTING,RUNNING", "WAITING,RUNNING", "SUSPEND,RUNNING", "FINISH,SUCCEEDED", "FAILED,FAILED",
        "CANCELED,FAILED", "ROLLBACK,UNKNOWN"})
    void toStatus_eachStepStatus_mapsStepPerTable(String status, TaskState expected) {
        TaskStatus s = map("50", step("a", status, "DCS.1"));
        assertEquals(expected, s.steps().get(0).state());
        assertEquals(status, s.steps().get(0).remoteState());
    }

    @Test
    void toStatus_fixture_runningWithPercentAndRemaining() {
        TaskStatus s = DcsStatusMapping.toStatus(
                LenientJson.read(Fixtures.text(Fixtures.DCS_PROGRESS), DcsTaskProgress.class));
        assertEquals(TaskState.RUNNING, s.state());
        assertEquals(30, s.percent());
        assertEquals(Duration.ofSeconds(100), s.remaining());
        assertEquals("EXECUTING", s.remoteState());
        assertEquals(List.of("Pre-check.", "Data migration."), s.steps().stream().map(t -> t.name()).toList());
        assertNull(s.errorCode());
    }

    @Test
    void toStatus_allFinishAndProgress100_succeeded() {
        TaskStatus s = map("100", step("a", "FINISH", "DCS.4064"), step("b", "FINISH", "DCS.4065"));
        assertEquals(TaskState.SUCCEEDED, s.state());
        assertEquals("FINISH", s.remoteState());
        assertNull(s.errorCode());
    }

    @Test
    void toStatus_allFinishButProgressBelow100_running() {
        assertEquals(TaskState.RUNNING, map("90", step("a", "FINISH", null)).state());
    }

    @Test
    void toStatus_allFinishWithoutProgress_succeeded() {
        assertEquals(TaskState.SUCCEEDED, map(null, step("a", "FINISH", null)).state());
    }

    @Test
    void toStatus_progress100ButStepExecuting_running() {
        assertEquals(TaskState.RUNNING, map("100", step("a", "FINISH", null), step("b", "EXECUTING", null)).state());
    }

    @Test
    void toStatus_waitingStep_running() {
        TaskStatus s = map("0", step("a", "WAITING", null));
        assertEquals(TaskState.RUNNING, s.state());
        assertEquals("WAITING", s.remoteState());
    }

    @Test
    void toStatus_stepFailed_failedWithThatStepsCode() {
        TaskStatus s = map("40", step("a", "FINISH", "DCS.4064"), step("Data migration.", "FAILED", "DCS.5001"));
        assertEquals(TaskState.FAILED, s.state());
        assertEquals("DCS.5001", s.errorCode());
        assertEquals("step 'Data migration.' failed", s.errorMessage());
        assertEquals("FAILED", s.remoteState());
    }

    @Test
    void toStatus_subStepFailedInsideExecutingStep_failedWithSubStepCodeAndDetail() {
        TaskStatus s = map("40", step("Data migration.", "EXECUTING", "DCS.4065",
                sub("Resource request.", "FINISH", "", "DCS.4065"),
                sub("Slot move.", "FAILED", "slot 5461 refused", "DCS.5002")));
        assertEquals(TaskState.FAILED, s.state());
        assertEquals("DCS.5002", s.errorCode());
        assertEquals("step 'Data migration.' failed at sub-step 'Slot move.': slot 5461 refused", s.errorMessage());
    }

    @Test
    void toStatus_subStepCanceledWithoutCode_failedWithStepCode() {
        TaskStatus s = map("40", step("m", "EXECUTING", "DCS.4065", sub("x", "CANCELED", null, "")));
        assertEquals(TaskState.FAILED, s.state());
        assertEquals("DCS.4065", s.errorCode());
        assertEquals("CANCELED", s.remoteState());
    }

    @Test
    void toStatus_subStepSuspended_running() {
        assertEquals(TaskState.RUNNING, map("40", step("m", "EXECUTING", null, sub("x", "SUSPEND", null, null))).state());
    }

    @Test
    void toStatus_unknownStepStatus_unknownWithRawValue() {
        TaskStatus s = map("40", step("a", "FINISH", null), step("b", "PAUSING", null));
        assertEquals(TaskState.UNKNOWN, s.state());
        assertEquals("PAUSING", s.remoteState());
    }

    @Test
    void toStatus_noStepsProgress100_succeeded() {
        assertEquals(TaskState.SUCCEEDED, map("100").state());
        assertEquals(TaskState.RUNNING, map("10").state());
    }

    @Test
    void toStatus_nothingAtAll_unknown() {
        TaskStatus s = DcsStatusMapping.toStatus(LenientJson.read("{}", DcsTaskProgress.class));
        assertEquals(TaskState.UNKNOWN, s.state());
        assertNull(s.percent());
        assertNull(s.remaining());
        assertEquals(TaskState.UNKNOWN, DcsStatusMapping.toStatus(null).state());
    }
}
