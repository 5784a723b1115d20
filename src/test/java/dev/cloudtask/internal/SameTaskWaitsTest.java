package dev.cloudtask.internal;

import static dev.cloudtask.testkit.ScriptedSource.running;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.testkit.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Shared requests, poll alignment and answer reuse between waits for the same task. */
class SameTaskWaitsTest {
    private static final TaskRef REF = TaskRef.cce("p", "job");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final VirtualScheduler time = new VirtualScheduler(T0);
    private final TaskStatus next = running(5);

    private static Instant at(long s) {
        return T0.plusSeconds(s);
    }

    @Test
    void align_singleWait_keepsItsOwnPlan() {
        SameTaskWaits w = waits();
        w.join(REF);
        assertEquals(at(10), w.align(REF, at(0), at(10)));
        assertEquals(at(12), w.align(REF, at(0), at(12)));
    }

    @Test
    void align_otherPlanWithinHalfTheDelay_movesEarlierOntoIt() {
        SameTaskWaits w = waits();
        w.join(REF);
        w.join(REF);
        assertEquals(at(50), w.align(REF, at(30), at(50)));
        // 20s delay: a plan between 50 and 60 is taken, the latest one
        assertEquals(at(50), w.align(REF, at(40), at(60)));
    }

    @Test
    void align_otherPlanTooEarlyOrLater_keepsOwnPlan() {
        SameTaskWaits w = waits();
        w.join(REF);
        w.join(REF);
        w.align(REF, at(0), at(20));
        assertEquals(at(40), w.align(REF, at(10), at(40)), "20 is more than half of 30s before 40");
        assertEquals(at(15), w.align(REF, at(10), at(15)), "never later than planned");
    }

    @Test
    void recentAnswer_onlyForSharedTasksYoungAndNewerThanOwn() {
        SameTaskWaits w = waits();
        w.join(REF);
        answerAt(w, 10);
        assertNull(w.recentAnswer(REF, at(10), null), "single wait: nothing kept");
        w.join(REF);
        answerAt(w, 10);
        assertEquals(next, w.recentAnswer(REF, T0.plusMillis(10_500), at(5)));
        assertNull(w.recentAnswer(REF, at(11), at(5)), "1s old is too old");
        assertNull(w.recentAnswer(REF, at(10), at(10)), "not newer than the wait's own answer");
    }

    @Test
    void leave_lastWait_forgetsTheTask() {
        SameTaskWaits w = waits();
        w.join(REF);
        w.join(REF);
        answerAt(w, 10);
        w.leave(REF);
        w.leave(REF);
        w.join(REF);
        w.join(REF);
        assertNull(w.recentAnswer(REF, at(10), null));
    }

    @Test
    void joinOrFetch_requestInFlight_secondWaitJoinsItAndLastToLeaveCancelsIt() {
        CompletableFuture<TaskStatus> pending = new CompletableFuture<>();
        AtomicInteger requests = new AtomicInteger();
        SameTaskWaits w = new SameTaskWaits(ref -> {
            requests.incrementAndGet();
            return pending;
        }, time.clock());
        w.join(REF);
        w.join(REF);
        SameTaskWaits.Flight a = w.joinOrFetch(REF);
        SameTaskWaits.Flight b = w.joinInFlight(REF);
        assertSame(a, b);
        assertEquals(1, requests.get(), "one request for two waits");
        a.leave();
        assertFalse(pending.isCancelled(), "the other wait still needs the answer");
        b.leave();
        assertTrue(pending.isCancelled(), "abandoned by its last wait");
        assertNull(w.joinInFlight(REF), "an abandoned request is not joined");
        w.joinOrFetch(REF);
        assertEquals(2, requests.get(), "the next poll sends a new request");
    }

    @Test
    void joinOrFetch_answered_nextPollSendsANewRequest() {
        AtomicInteger requests = new AtomicInteger();
        SameTaskWaits w = new SameTaskWaits(ref -> {
            requests.incrementAndGet();
            return CompletableFuture.completedFuture(next);
        }, time.clock());
        w.join(REF);
        assertEquals(next, w.joinOrFetch(REF).result().join());
        assertNull(w.joinInFlight(REF));
        w.joinOrFetch(REF);
        assertEquals(2, requests.get());
    }

    /** Lets a request for {@link #REF} be answered with {@link #next} at {@code at(s)}. */
    private void answerAt(SameTaskWaits w, long s) {
        time.advance(Duration.between(time.now(), at(s)));
        w.joinOrFetch(REF).leave();
    }

    private SameTaskWaits waits() {
        return new SameTaskWaits(ref -> CompletableFuture.completedFuture(next), time.clock());
    }
}
