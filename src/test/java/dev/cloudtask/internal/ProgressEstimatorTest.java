package dev.cloudtask.internal;

import static dev.cloudtask.testkit.ScriptedSource.remaining;
import static dev.cloudtask.testkit.ScriptedSource.running;
import static dev.cloudtask.testkit.ScriptedSource.subTasks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The end prediction from percent, sub-jobs and remaining time. */
class ProgressEstimatorTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Instant at(double seconds) {
        return T0.plusMillis((long) (seconds * 1000));
    }

    @Test
    void observe_noProgressFields_noPrediction() {
        ProgressEstimator e = new ProgressEstimator();
        assertNull(e.observe(at(0), running()));
        assertNull(e.observe(at(5), running()));
    }

    @Test
    void hasSignal_noProgressFields_falseUntilAPercentArrives() {
        ProgressEstimator e = new ProgressEstimator();
        e.observe(at(0), running());
        assertFalse(e.hasSignal());
        e.observe(at(5), running(0));
        assertTrue(e.hasSignal(), "a percent, even 0, is a signal");
        e.observe(at(10), running());
        assertTrue(e.hasSignal(), "stays a signal wait");
    }

    @Test
    void hasSignal_remainingTimeOrSubJobs_true() {
        ProgressEstimator a = new ProgressEstimator();
        a.observe(at(0), remaining(Duration.ofMinutes(3)));
        assertTrue(a.hasSignal());
        ProgressEstimator b = new ProgressEstimator();
        b.observe(at(0), subTasks(0, 4));
        assertTrue(b.hasSignal());
        ProgressEstimator c = new ProgressEstimator();
        c.observe(at(0), subTasks(0, 0));
        assertFalse(c.hasSignal(), "no sub-jobs at all is no fraction");
    }

    @Test
    void observe_oneChangeOnly_noPrediction() {
        ProgressEstimator e = new ProgressEstimator();
        assertNull(e.observe(at(0), running(10)));
        assertNull(e.observe(at(10), running(20)));
    }

    @Test
    void observe_twoChanges_predictsFromMidpointDatedChanges() {
        ProgressEstimator e = new ProgressEstimator();
        e.observe(at(0), running(10));
        e.observe(at(10), running(20)); // dated 5s
        e.observe(at(20), running(20));
        // 40% seen at 30s, dated 25s: 20% per 20s -> 60% left = 60s after 25s
        assertEquals(at(85), e.observe(at(30), running(40)));
        // unchanged percent keeps the same prediction
        assertEquals(at(85), e.observe(at(40), running(40)));
    }

    @Test
    void observe_subTasks_usedAsFraction() {
        ProgressEstimator e = new ProgressEstimator();
        e.observe(at(0), subTasks(0, 10));
        e.observe(at(10), subTasks(1, 10)); // dated 5s
        assertEquals(at(95), e.observe(at(20), subTasks(2, 10))); // dated 15s, 10% per 10s
    }

    @Test
    void observe_progressGoesBack_restartsEstimate() {
        ProgressEstimator e = new ProgressEstimator();
        e.observe(at(0), running(10));
        e.observe(at(10), running(20));
        e.observe(at(20), running(30));
        assertNull(e.observe(at(30), running(5)));
        assertNull(e.observe(at(40), running(6)));
    }

    @Test
    void observe_remainingTime_usedWhenEarlierThanOwnPrediction() {
        ProgressEstimator e = new ProgressEstimator();
        assertEquals(at(42), e.observe(at(0), remaining(Duration.ofSeconds(42))));
    }
}
