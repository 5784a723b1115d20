package dev.cloudtask.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cloudtask.AwaitOutcome;
import dev.cloudtask.AwaitOutcome.Kind;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskState;
import dev.cloudtask.TaskStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The outcome table of the job-XML page, row by row. */
class StepOutcomeTest {
    private static final TaskRef REF = TaskRef.mrs("c1");

    private static AwaitOutcome outcome(Kind kind, String code, TaskStatus last) {
        return new AwaitOutcome(kind, REF, last, 3, 0, Duration.ofSeconds(9), code, null);
    }

    @Test
    void succeeded_anyMode_completesWithSucceeded() {
        assertEquals(new StepOutcome("SUCCEEDED", false),
                StepOutcome.of(outcome(Kind.SUCCEEDED, null, null), OnRemoteFailure.FAIL, false));
    }

    @Test
    void failed_defaultMode_failsWithRemoteCode() {
        assertEquals(new StepOutcome("FAILED:12", true),
                StepOutcome.of(outcome(Kind.FAILED, "12", null), OnRemoteFailure.FAIL, false));
    }

    @Test
    void failed_completeMode_completesWithRemoteCode() {
        assertEquals(new StepOutcome("FAILED:12", false),
                StepOutcome.of(outcome(Kind.FAILED, "12", null), OnRemoteFailure.COMPLETE, false));
    }

    @Test
    void failed_noCode_usesRemoteStateThenUnknown() {
        TaskStatus last = TaskStatus.of(TaskState.FAILED, "FAIL");
        assertEquals("FAILED:FAIL", StepOutcome.of(outcome(Kind.FAILED, null, last), OnRemoteFailure.FAIL, false)
                .exitStatus());
        assertEquals("FAILED:UNKNOWN", StepOutcome.of(outcome(Kind.FAILED, " ", null), OnRemoteFailure.FAIL, false)
                .exitStatus());
    }

    @Test
    void timedOut_anyMode_fails() {
        assertEquals(new StepOutcome("TIMED_OUT", true),
                StepOutcome.of(outcome(Kind.TIMED_OUT, null, null), OnRemoteFailure.COMPLETE, false));
    }

    @Test
    void stopped_requestedByRuntime_endsNormallySoRuntimeMarksStopped() {
        assertEquals(new StepOutcome("STOPPED", false),
                StepOutcome.of(outcome(Kind.STOPPED, null, null), OnRemoteFailure.FAIL, true));
    }

    @Test
    void stopped_notRequested_failsStep() {
        assertEquals(new StepOutcome("STOPPED", true),
                StepOutcome.of(outcome(Kind.STOPPED, null, null), OnRemoteFailure.FAIL, false));
    }

    @Test
    void error_withAndWithoutCode_failsWithErrorPrefix() {
        assertEquals(new StepOutcome("ERROR:APIGW.0301", true),
                StepOutcome.of(outcome(Kind.ERROR, "APIGW.0301", null), OnRemoteFailure.COMPLETE, false));
        assertEquals("ERROR:UNKNOWN", StepOutcome.of(outcome(Kind.ERROR, null, null), OnRemoteFailure.FAIL, false)
                .exitStatus());
    }
}
