package dev.cloudtask.internal;

import static dev.cloudtask.testkit.ScriptedSource.remaining;
import static dev.cloudtask.testkit.ScriptedSource.running;
import static dev.cloudtask.testkit.ScriptedSource.subTasks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.internal.ProgressEstimator.Estimate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The end prediction and its spread from percent, sub-jobs and remaining time. */
class ProgressEstimatorTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Instant at(double seconds) {
        return T0.plusMillis((long) (seconds * 1000));
    }

    private static double seconds(Instant i) {
        return Duration.between(T0, i).toMillis() / 1000.0;
    }

    @Test
    void observe_noProgressFields_noPrediction() {
        ProgressEstimator e = new ProgressEstimator();
        assertNull(e.observe(at(0), running()));
        assertNull(e.observe(at(5), running()));
        assertNull(e.estimate());
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
    void observe_twoChanges_endFromDatedChangesWithSpread() {
        ProgressEstimator e = new ProgressEstimator();
        e.observe(at(0), running(10));
        e.observe(at(10), running(20)); // one step of 10: dated mid-window, 5s +- 5s
        e.observe(at(20), running(20));
        // two steps of 10 seen at 30s: the 40% was crossed in the last half of the window, 27.5s +- 2.5s;
        // from 20% at 5s: 20% per 22.5s -> 60% left = 67.5s after 27.5s
        Estimate p = e.observe(at(30), running(40));
        assertEquals(95.0, seconds(p.end()), 0.01);
        // dating (2.5 + 67.5 x 7.5 / 22.5) / sqrt 3 = 14.43s, model 0.25 x 67.5 = 16.88s: 2 x 22.20s
        assertEquals(44.40, p.spread().toMillis() / 1000.0, 0.05);
        assertEquals(p, e.estimate());
    }

    @Test
    void observe_readingStandsStill_endMovesLaterAndSpreadWidens() {
        ProgressEstimator e = new ProgressEstimator();
        e.observe(at(0), running(10));
        e.observe(at(10), running(20));
        e.observe(at(20), running(20));
        Estimate moving = e.observe(at(30), running(40));
        Estimate still = e.observe(at(60), running(40));
        Estimate stiller = e.observe(at(90), running(40));
        assertTrue(still.end().isAfter(moving.end()), still + " after " + moving);
        assertTrue(stiller.end().isAfter(still.end()), stiller + " after " + still);
        assertTrue(stiller.spread().compareTo(still.spread()) > 0, stiller + " wider than " + still);
        assertTrue(stiller.end().isAfter(at(90)), "a task still running is predicted to end after now");
    }

    @Test
    void observe_subTasks_usedAsFraction() {
        ProgressEstimator e = new ProgressEstimator();
        e.observe(at(0), subTasks(0, 10));
        e.observe(at(10), subTasks(1, 10)); // dated 5s
        Estimate p = e.observe(at(20), subTasks(2, 10)); // dated 15s, 10% per 10s
        assertEquals(95.0, seconds(p.end()), 0.01);
    }

    @Test
    void observe_progressGoesBack_keepsPredictionAndWidensSpreadByTheDip() {
        ProgressEstimator dipped = new ProgressEstimator();
        ProgressEstimator steady = new ProgressEstimator();
        for (int i = 0; i <= 9; i++) {
            dipped.observe(at(10 * i), running(10 * i));
            steady.observe(at(10 * i), running(10 * i));
        }
        Estimate d = dipped.observe(at(94), running(87)); // 90 -> 87: a dip of 3 points
        Estimate s = steady.observe(at(94), running(90));
        assertNotNull(d, "a regression does not discard the prediction");
        assertTrue(d.early().isBefore(s.early()), "the dip moves the early side earlier: " + d + " vs " + s);
        // 3 points at 1 point/s are 3s of noise: at least 2 x 3s of spread
        assertTrue(d.spread().toMillis() >= 6000, d.toString());
        // the real end (100% at 100s) stays inside the spread: the dip does not push the prediction away
        assertTrue(Math.abs(seconds(d.end()) - 100) <= d.spread().toMillis() / 1000.0, d.toString());
    }

    @Test
    void observe_fasterLately_earlySideCoversTheRecentRate() {
        ProgressEstimator e = new ProgressEstimator();
        // 1% per 10s for 100s, then 10% per 10s
        double[][] readings = {{0, 0}, {20, 2}, {40, 4}, {60, 6}, {80, 8}, {100, 10}, {110, 20}, {120, 30},
                {130, 40}, {140, 50}};
        Estimate p = null;
        for (double[] r : readings) {
            p = e.observe(at(r[0]), running((int) r[1]));
        }
        // at the recent rate the end is at 190s; the early side must not be later than that
        assertFalse(p.early().isAfter(at(190)), p.toString());
    }

    @Test
    void observe_reportsDoneWhileRunning_predictionPassed() {
        ProgressEstimator e = new ProgressEstimator();
        e.observe(at(0), running(0));
        e.observe(at(10), running(50));
        Estimate p = e.observe(at(20), running(100));
        assertNotNull(p);
        assertFalse(p.end().isAfter(at(20)), "100% while running: the predicted end is now or passed: " + p);
    }

    @Test
    void observe_remainingTime_predictsThatEnd() {
        ProgressEstimator e = new ProgressEstimator();
        Estimate p = e.observe(at(0), remaining(Duration.ofSeconds(42)));
        assertEquals(at(42), p.end());
        assertEquals(Duration.ZERO, p.spread());
    }

    @Test
    void observe_remainingTimeEarlierThanProgress_earlySideIsTheEarlierOfBoth() {
        ProgressEstimator e = new ProgressEstimator();
        e.observe(at(0), running(10));
        e.observe(at(10), running(20));
        Estimate fromProgress = e.observe(at(20), running(30));
        ProgressEstimator told = new ProgressEstimator();
        told.observe(at(0), running(10));
        told.observe(at(10), running(20));
        TaskStatusFixtures fixtures = new TaskStatusFixtures();
        Estimate p = told.observe(at(20), fixtures.percentAndRemaining(30, Duration.ofSeconds(30)));
        assertEquals(at(50), p.end());
        assertTrue(fromProgress.end().isAfter(p.end()));
        assertFalse(p.early().isAfter(fromProgress.early()), p + " vs " + fromProgress);
    }

    @Test
    void observe_remainingTimeOfCenturies_noOverflow() {
        ProgressEstimator e = new ProgressEstimator();
        Estimate p = e.observe(at(0), remaining(Duration.ofDays(365L * 1000)));
        assertTrue(p.end().isAfter(at(86_400L * 365)), p.toString());
    }

    /** Statuses the scripted source has no factory for. */
    private static final class TaskStatusFixtures {
        dev.cloudtask.TaskStatus percentAndRemaining(int percent, Duration left) {
            return new dev.cloudtask.TaskStatus(dev.cloudtask.TaskState.RUNNING, percent, "RUNNING",
                    java.util.List.of(), null, null, left, null, null);
        }
    }

    @Test
    void observe_stillRunningAfterTheRatesEnd_predictionIsNowAndSpreadGrowsWithTheOverrun() {
        // an S-curve slows down at the end: 90, 96, 99 % at 90, 100, 110 s, then 99 % for a long time
        ProgressEstimator e = new ProgressEstimator();
        e.observe(at(80), running(80));
        e.observe(at(90), running(90));
        e.observe(at(100), running(96));
        Estimate first = e.observe(at(110), running(99));
        assertNotNull(first);
        double previousSpread = 0;
        for (int s = 130; s <= 400; s += 30) {
            Estimate later = e.observe(at(s), running(99));
            assertNotNull(later, "a stall keeps the prediction");
            assertTrue(!later.end().isBefore(at(s)), "at " + s + " s the end " + later.end() + " lies in the past");
            double spread = later.spread().toMillis() / 1000.0;
            assertTrue(spread >= previousSpread, "at " + s + " s the spread shrank: " + spread + " < " + previousSpread);
            previousSpread = spread;
        }
        assertTrue(previousSpread >= 290 - 110, "after 290 s at 99 % the spread covers the overrun: " + previousSpread);
    }
}
