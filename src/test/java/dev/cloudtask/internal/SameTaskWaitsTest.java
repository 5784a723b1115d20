package dev.cloudtask.internal;

import static dev.cloudtask.testkit.ScriptedSource.running;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Poll alignment and answer reuse between waits for the same task. */
class SameTaskWaitsTest {
    private static final TaskRef REF = TaskRef.cce("p", "job");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Instant at(long s) {
        return T0.plusSeconds(s);
    }

    @Test
    void align_singleWait_keepsItsOwnPlan() {
        SameTaskWaits w = new SameTaskWaits();
        w.join(REF);
        assertEquals(at(10), w.align(REF, at(0), at(10)));
        assertEquals(at(12), w.align(REF, at(0), at(12)));
    }

    @Test
    void align_otherPlanWithinHalfTheDelay_movesEarlierOntoIt() {
        SameTaskWaits w = new SameTaskWaits();
        w.join(REF);
        w.join(REF);
        assertEquals(at(50), w.align(REF, at(30), at(50)));
        // 20s delay: a plan between 50 and 60 is taken, the latest one
        assertEquals(at(50), w.align(REF, at(40), at(60)));
    }

    @Test
    void align_otherPlanTooEarlyOrLater_keepsOwnPlan() {
        SameTaskWaits w = new SameTaskWaits();
        w.join(REF);
        w.join(REF);
        w.align(REF, at(0), at(20));
        assertEquals(at(40), w.align(REF, at(10), at(40)), "20 is more than half of 30s before 40");
        assertEquals(at(15), w.align(REF, at(10), at(15)), "never later than planned");
    }

    @Test
    void recentAnswer_onlyForSharedTasksYoungAndNewerThanOwn() {
        SameTaskWaits w = new SameTaskWaits();
        TaskStatus s = running(5);
        w.join(REF);
        w.answered(REF, at(10), s);
        assertNull(w.recentAnswer(REF, at(10), null), "single wait: nothing kept");
        w.join(REF);
        w.answered(REF, at(10), s);
        assertEquals(s, w.recentAnswer(REF, T0.plusMillis(10_500), at(5)));
        assertNull(w.recentAnswer(REF, at(11), at(5)), "1s old is too old");
        assertNull(w.recentAnswer(REF, at(10), at(10)), "not newer than the wait's own answer");
    }

    @Test
    void leave_lastWait_forgetsTheTask() {
        SameTaskWaits w = new SameTaskWaits();
        w.join(REF);
        w.join(REF);
        w.answered(REF, at(10), running(1));
        w.leave(REF);
        w.leave(REF);
        w.join(REF);
        w.join(REF);
        assertNull(w.recentAnswer(REF, at(10), null));
    }
}
