package dev.cloudtask.internal;

import static dev.cloudtask.testkit.ScriptedSource.remaining;
import static dev.cloudtask.testkit.ScriptedSource.running;
import static dev.cloudtask.testkit.ScriptedSource.subTasks;
import static dev.cloudtask.testkit.ScriptedSource.succeeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.AwaitHandle;
import dev.cloudtask.AwaitOutcome;
import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.TaskRef;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the engine polls: first-poll jitter, capped growth, adaptive placement and the timeout. */
class PollingScheduleTest {

    @Test
    void firstPoll_initialDelayWithJitter_fallsWithinQuarterOfDelayAndVariesBetweenWaits() {
        EngineFixture f = new EngineFixture(b -> b.rateLimit(0, 0));
        f.source.then(running());
        for (int i = 0; i < 20; i++) {
            f.start(TaskRef.dws("proj1", "job" + i), EngineFixture.POLICY.withInitialDelay(Duration.ofSeconds(8)));
        }
        f.time.advance(Duration.ofSeconds(10));
        List<Double> firstPolls = f.fetchSeconds().stream().filter(s -> s < 10.0).toList();
        assertEquals(20, firstPolls.size(), "one first poll per wait: " + firstPolls);
        assertTrue(firstPolls.stream().allMatch(s -> s >= 6.0 && s < 10.0), "first polls " + firstPolls);
        assertTrue(new HashSet<>(firstPolls).size() > 15, "jitter spreads first polls: " + firstPolls);
        double spread = firstPolls.stream().mapToDouble(d -> d).max().orElseThrow()
                - firstPolls.stream().mapToDouble(d -> d).min().orElseThrow();
        assertTrue(spread > 2.0, "first polls spread over more than 2s: " + firstPolls);
    }

    /** The fixture's policy with maxInterval 400s: the no-signal cap is 400s / 20 = 20s. */
    private static final AwaitPolicy WIDE = EngineFixture.POLICY.withMaxInterval(Duration.ofSeconds(400))
            .withTimeout(Duration.ofHours(2));

    @Test
    void intervals_noProgressReported_growByFactorUpToNoSignalCapWithoutJitter() {
        EngineFixture f = new EngineFixture();
        f.source.then(running());
        f.start(WIDE);
        f.time.advance(Duration.ofSeconds(80));
        assertEquals(List.of(0.0, 5.0, 15.0, 35.0, 55.0, 75.0), f.fetchSeconds(), "5, 10, then 20s = 400s / 20");
    }

    @Test
    void intervals_noSignalCapBelowFirstInterval_pollsEveryFirstInterval() {
        EngineFixture f = new EngineFixture();
        f.source.then(running());
        f.start(EngineFixture.POLICY); // 20s / 20 = 1s < firstInterval 5s
        f.time.advance(Duration.ofSeconds(21));
        assertEquals(List.of(0.0, 5.0, 10.0, 15.0, 20.0), f.fetchSeconds());
    }

    @Test
    void intervals_progressSignalWithoutPrediction_growUpToMaxInterval() {
        // a percent that does not move yet: a signal, but no prediction -> growth up to maxInterval
        EngineFixture f = new EngineFixture();
        f.source.then(running(0));
        f.start(WIDE);
        f.time.advance(Duration.ofSeconds(1100));
        assertEquals(List.of(0.0, 5.0, 15.0, 35.0, 75.0, 155.0, 315.0, 635.0, 1035.0), f.fetchSeconds(),
                "doubling far beyond the no-signal cap of 20s, up to maxInterval 400s");
    }

    @Test
    void intervals_signalAppearsLater_capLiftedFromThen() {
        EngineFixture f = new EngineFixture();
        f.source.then(running(), 4).then(running(0));
        f.start(WIDE);
        f.time.advance(Duration.ofSeconds(400));
        // 5, 10, 20, 20 without a signal; the fourth answer carries a percent: 80s, then 160s
        assertEquals(List.of(0.0, 5.0, 15.0, 35.0, 55.0, 135.0, 295.0), f.fetchSeconds());
    }

    @Test
    void intervals_sameSettingsDifferentSeeds_onlyFirstPollDiffers() {
        AwaitPolicy p = EngineFixture.POLICY.withInitialDelay(Duration.ofSeconds(4));
        EngineFixture a = new EngineFixture(b -> b.random(new java.util.Random(1)));
        EngineFixture c = new EngineFixture(b -> b.random(new java.util.Random(77)));
        a.source.then(running());
        c.source.then(running());
        a.start(p);
        c.start(p);
        a.time.advance(Duration.ofSeconds(60));
        c.time.advance(Duration.ofSeconds(60));
        List<Double> x = a.fetchSeconds();
        List<Double> y = c.fetchSeconds();
        assertNotEquals(x.get(0), y.get(0));
        for (int i = 1; i < 4; i++) {
            assertEquals(x.get(i) - x.get(i - 1), y.get(i) - y.get(i - 1), 1e-6, "gap " + i);
        }
    }

    @Test
    void adaptive_remainingTimeReported_halvesTimeLeftThenPollsAtPredictedEnd() {
        EngineFixture f = new EngineFixture();
        f.source.then(remaining(Duration.ofSeconds(8))).then(remaining(Duration.ofSeconds(4)))
                .then(remaining(Duration.ofSeconds(2))).then(succeeded());
        AwaitOutcome o = f.finish(f.start(EngineFixture.POLICY));
        // 8s left: after half (4s); 4s left: after 2s (the floor, two minimum intervals); 2s left:
        // at the predicted end itself
        assertEquals(List.of(0.0, 4.0, 6.0, 8.0), f.fetchSeconds());
        assertEquals(AwaitOutcome.Kind.SUCCEEDED, o.kind());
    }

    @Test
    void adaptive_predictedEndFarAhead_pollsAfterHalfTheTimeLeftUpToMaxInterval() {
        EngineFixture f = new EngineFixture();
        f.source.then(remaining(Duration.ofSeconds(1000))).then(remaining(Duration.ofSeconds(600)))
                .then(remaining(Duration.ofSeconds(100))).then(remaining(Duration.ofSeconds(80))).then(succeeded());
        f.finish(f.start(WIDE.withGrowth(100)));
        // first interval 5s; 600s left: half = 300s (the grown delay is 400s); 100s left is inside
        // the end window (400s x 0.5 = 200s): half = 50s, capped at the no-signal cap 20s
        assertEquals(List.of(0.0, 5.0, 305.0, 325.0, 345.0), f.fetchSeconds());
    }

    @Test
    void adaptive_predictionLaterThanCappedGrowth_followsCappedGrowth() {
        EngineFixture f = new EngineFixture();
        f.source.then(remaining(Duration.ofHours(1)), 5).then(succeeded());
        f.finish(f.start(EngineFixture.POLICY));
        assertEquals(List.of(0.0, 5.0, 15.0, 35.0, 55.0, 75.0), f.fetchSeconds());
    }

    @Test
    void adaptive_predictionVeryClose_clampedToMinimumInterval() {
        EngineFixture f = new EngineFixture();
        f.source.then(remaining(Duration.ofMillis(100))).then(succeeded());
        f.finish(f.start(EngineFixture.POLICY));
        assertEquals(List.of(0.0, 1.0), f.fetchSeconds());
    }

    @Test
    void adaptive_linearPercent_pollsAtPredictedEnd() {
        // 10% at 0s and 5s (first interval), 20% seen at 15s (change dated 10s), 30% at 25s -> rate
        // 10% per 10s from the change at 10s to the change at 20s (midpoints), end predicted at
        // 20s + 70s = 90s; capped at 20s per hop until then.
        EngineFixture f = new EngineFixture();
        f.source.then(running(10), 2).then(running(20)).then(running(30)).then(running(50))
                .then(running(70)).then(running(90)).then(succeeded());
        AwaitOutcome o = f.finish(f.start(EngineFixture.POLICY));
        List<Double> t = f.fetchSeconds();
        assertEquals(List.of(0.0, 5.0, 15.0), t.subList(0, 3));
        assertEquals(AwaitOutcome.Kind.SUCCEEDED, o.kind());
        assertEquals(8, o.polls());
        // after the third change every hop is the maximum until the predicted end is within reach
        assertEquals(20.0, t.get(4) - t.get(3), 1e-6);
    }

    @Test
    void adaptive_subTasksDone_predictedLikePercent() {
        EngineFixture f = new EngineFixture();
        // 0/4 at 0s, 1/4 seen at 5s (dated 2.5s), 2/4 seen at 15s (dated 10s): 25% per 7.5s,
        // end predicted at 10s + 15s = 25s -> next poll after half the 10s left
        f.source.then(subTasks(0, 4)).then(subTasks(1, 4)).then(subTasks(2, 4)).then(succeeded());
        f.finish(f.start(EngineFixture.POLICY));
        assertEquals(List.of(0.0, 5.0, 15.0, 20.0), f.fetchSeconds());
    }

    @Test
    void adaptive_predictedEndPassed_pollsAgainFromMinimumDoubling() {
        EngineFixture f = new EngineFixture();
        f.source.then(remaining(Duration.ofSeconds(2))).then(remaining(Duration.ZERO), 3).then(succeeded());
        f.finish(f.start(EngineFixture.POLICY));
        // at 2s the task is overdue: 1s, then doubling: 2s, 4s
        assertEquals(List.of(0.0, 2.0, 3.0, 5.0, 9.0), f.fetchSeconds());
    }

    @Test
    void adaptive_predictedEndPassed_doublingCappedAtNoSignalCap() {
        EngineFixture f = new EngineFixture();
        f.source.then(remaining(Duration.ofSeconds(2))).then(remaining(Duration.ZERO));
        f.start(WIDE);
        f.time.advance(Duration.ofSeconds(100));
        // overdue from 2s: 1, 2, 4, 8, 16, then the no-signal cap 20s (the grown delay is 80s by then)
        assertEquals(List.of(0.0, 2.0, 3.0, 5.0, 9.0, 17.0, 33.0, 53.0, 73.0, 93.0), f.fetchSeconds());
    }

    @Test
    void timeout_taskNeverEnds_timedOutExactlyAtDeadline() {
        EngineFixture f = new EngineFixture();
        f.source.then(running(5));
        AwaitHandle h = f.start(EngineFixture.POLICY.withTimeout(Duration.ofSeconds(50)));
        AwaitOutcome o = f.finish(h);
        assertEquals(AwaitOutcome.Kind.TIMED_OUT, o.kind());
        assertEquals(Duration.ofSeconds(50), o.elapsed());
        assertEquals(50.0, f.secondsSinceStart(), 1e-9);
        assertTrue(f.fetchSeconds().stream().allMatch(s -> s < 50.0), "no poll after the deadline");
        assertTrue(o.detail().contains("did not end within 50s"), o.detail());
        assertTrue(o.detail().contains("dcs/proj1/inst1/task1"), o.detail());
        assertEquals(f.source.fetches(), o.polls());
    }

    @Test
    void timeout_requestHangsPastDeadline_stillTimedOutAtDeadline() {
        EngineFixture f = new EngineFixture(b -> b.requestTimeout(Duration.ofMinutes(5)));
        f.source.thenHang();
        AwaitOutcome o = f.finish(f.start(EngineFixture.POLICY.withTimeout(Duration.ofSeconds(45))));
        assertEquals(AwaitOutcome.Kind.TIMED_OUT, o.kind());
        assertEquals(Duration.ofSeconds(45), o.elapsed());
        assertTrue(f.source.hanging().get(0).isCancelled(), "the abandoned request is cancelled");
    }

    @Test
    void timeout_centuriesLong_acceptedWithoutOverflow() {
        EngineFixture f = new EngineFixture();
        f.source.then(running()).then(succeeded());
        AwaitOutcome o = f.finish(f.start(EngineFixture.POLICY.withTimeout(Duration.ofDays(365L * 500))));
        assertEquals(AwaitOutcome.Kind.SUCCEEDED, o.kind());
    }
}
