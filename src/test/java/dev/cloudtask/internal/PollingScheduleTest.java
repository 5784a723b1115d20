package dev.cloudtask.internal;

import static dev.cloudtask.testkit.ScriptedSource.remaining;
import static dev.cloudtask.testkit.ScriptedSource.running;
import static dev.cloudtask.testkit.ScriptedSource.subTasks;
import static dev.cloudtask.testkit.ScriptedSource.succeeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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

    /** The fixture's policy with maxInterval 200s: the no-signal cap is 200s / 7, about 28.571s. */
    private static final AwaitPolicy WIDE = EngineFixture.POLICY.withMaxInterval(Duration.ofSeconds(200))
            .withTimeout(Duration.ofHours(2));

    @Test
    void intervals_noProgressReported_growByFactorUpToNoSignalCapWithoutJitter() {
        EngineFixture f = new EngineFixture();
        f.source.then(running());
        f.start(WIDE);
        f.time.advance(Duration.ofSeconds(100));
        assertEquals(List.of(0.0, 5.0, 15.0, 35.0, 63.571, 92.142), f.fetchSeconds(), "5, 10, 20, then 200s / 7");
    }

    @Test
    void intervals_noProgressReported_longWait_delaysGrowWithTimeWaitedUpToMaxInterval() {
        // cap 200s / 7 = 28.571s until 0.5 % of the time waited is longer (after 5,714s), then 0.5 %
        // of the time waited, up to maxInterval 200s (from 40,000s on)
        EngineFixture f = new EngineFixture();
        f.source.then(running());
        f.start(WIDE.withTimeout(Duration.ofHours(14)));
        f.time.advance(Duration.ofHours(13));
        List<Double> t = f.fetchSeconds();
        double cap = 200.0 / 7;
        for (int i = 4; i < t.size(); i++) {
            double gap = t.get(i) - t.get(i - 1);
            double expected = Math.min(200, Math.max(cap, AdaptiveIntervals.NO_SIGNAL_SHARE * t.get(i - 1)));
            assertEquals(expected, gap, 1e-3, "gap before the poll at " + t.get(i) + "s");
        }
        double last = t.get(t.size() - 1) - t.get(t.size() - 2);
        assertEquals(200, last, 1e-3, "at maxInterval after 13 h");
        long atCap = t.stream().filter(x -> x < 5714).count();
        assertEquals(3 + (long) Math.ceil((5714 - 35) / cap), atCap, 1, "every 28.571s for the first 95 minutes");
        // polls: 95 minutes at the cap, then 1 / (0.005 t) per second up to 40,000s, then every 200s
        double expected = 3 + 5714 / cap + Math.log(40_000.0 / 5714) / AdaptiveIntervals.NO_SIGNAL_SHARE
                + (13 * 3600 - 40_000) / 200.0;
        assertEquals(expected, t.size(), 3, "polls in 13 h (at the cap alone: " + (int) (13 * 3600 / cap) + ")");
    }

    @Test
    void intervals_noProgressReported_taskSubmittedEarlier_shareCountsFromSubmission() {
        // the wait of a step restarted 3 h after its task was submitted: 0.5 % of the task's running
        // time (54 s and more), where a wait counting from its own start would poll every 28.571s
        EngineFixture f = new EngineFixture();
        f.source.then(running());
        f.start(EngineFixture.REF, f.start.minus(Duration.ofHours(3)), WIDE);
        f.time.advance(Duration.ofMinutes(30));
        List<Double> t = f.fetchSeconds();
        assertEquals(List.of(0.0, 5.0, 15.0, 35.0, 75.0), t.subList(0, 5), "growth from firstInterval first");
        for (int i = 5; i < t.size(); i++) {
            double gap = t.get(i) - t.get(i - 1);
            assertEquals(AdaptiveIntervals.NO_SIGNAL_SHARE * (3 * 3600 + t.get(i - 1)), gap, 1e-3,
                    "gap before the poll at " + t.get(i) + "s");
        }
        double growing = Math.log((3 * 3600 + 1800) / (3 * 3600 + 75.0)) / AdaptiveIntervals.NO_SIGNAL_SHARE;
        assertEquals(5 + growing, t.size(), 1, "54 to 63 s apart after the growth");
    }

    @Test
    void intervals_noProgressReported_notFoundFirst_shareCountsFromStartOfWait() {
        // 404s inside the grace while the task is not yet visible, then running without a signal:
        // the time counts from the start of the wait, not from the first status
        EngineFixture f = new EngineFixture();
        for (int i = 0; i < 8; i++) {
            f.source.thenHttp(404);
        }
        f.source.then(running());
        f.start(WIDE.withNotFoundGrace(Duration.ofMinutes(30)).withTimeout(Duration.ofHours(3)));
        f.time.advance(Duration.ofMinutes(150));
        List<Double> t = f.fetchSeconds();
        double firstStatus = t.get(8);
        assertTrue(firstStatus > 300, "the first status came after " + firstStatus + "s of 404s");
        int checked = 0;
        for (int i = 9; i < t.size(); i++) {
            if (t.get(i - 1) > 7000) { // 0.5 % of the time waited is past the cap of 28.571s
                assertEquals(AdaptiveIntervals.NO_SIGNAL_SHARE * t.get(i - 1), t.get(i) - t.get(i - 1), 1e-3,
                        "gap before the poll at " + t.get(i) + "s");
                checked++;
            }
        }
        assertTrue(checked > 20, checked + " gaps checked");
    }

    @Test
    void intervals_noSignalCapBelowFirstInterval_pollsEveryFirstInterval() {
        EngineFixture f = new EngineFixture();
        f.source.then(running());
        f.start(EngineFixture.POLICY); // 20s / 7 = 2.9s < firstInterval 5s
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
        assertEquals(List.of(0.0, 5.0, 15.0, 35.0, 75.0, 155.0, 315.0, 515.0, 715.0, 915.0), f.fetchSeconds(),
                "doubling far beyond the no-signal cap of 30s, up to maxInterval 200s");
    }

    @Test
    void intervals_signalAppearsLater_capLiftedFromThen() {
        EngineFixture f = new EngineFixture();
        f.source.then(running(), 4).then(running(0));
        f.start(WIDE);
        f.time.advance(Duration.ofSeconds(400));
        // 5, 10, 20, 28.571 without a signal; the fifth answer carries a percent: 80s, then 160s
        assertEquals(List.of(0.0, 5.0, 15.0, 35.0, 63.571, 143.571, 303.571), f.fetchSeconds());
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
    void adaptive_remainingTimeReported_pollsAtToldEndWithinCappedGrowth() {
        EngineFixture f = new EngineFixture();
        f.source.then(remaining(Duration.ofSeconds(8))).then(remaining(Duration.ofSeconds(3))).then(succeeded());
        AwaitOutcome o = f.finish(f.start(EngineFixture.POLICY));
        // told end 8s: the first interval (5s) comes first; then 3s left: at the told end, or
        // shortly before it (a told end is trusted to within MIN_SIGMA)
        List<Double> t = f.fetchSeconds();
        assertEquals(List.of(0.0, 5.0), t.subList(0, 2));
        assertEquals(3, t.size(), "one poll after the first interval: " + t);
        assertTrue(t.get(2) <= 8.0 && t.get(2) >= 8.0 - AdaptiveIntervals.MIN_SIGMA, "near the told end: " + t);
        assertEquals(AwaitOutcome.Kind.SUCCEEDED, o.kind());
    }

    @Test
    void adaptive_toldEndFarAhead_pollsEveryMaxIntervalThenAtTheEnd() {
        EngineFixture f = new EngineFixture();
        f.source.then(remaining(Duration.ofSeconds(1000))).then(remaining(Duration.ofSeconds(600)))
                .then(remaining(Duration.ofSeconds(400))).then(remaining(Duration.ofSeconds(50))).then(succeeded());
        f.finish(f.start(WIDE.withGrowth(100)));
        // first interval 5s; 600s and 400s left: maxInterval 200s; 50s left: a poll shortly before
        // the told end (the longer the delay, the smaller the chance it must cover to be worth it)
        List<Double> t = f.fetchSeconds();
        assertEquals(List.of(0.0, 5.0, 205.0, 405.0), t.subList(0, 4));
        assertEquals(5, t.size(), t.toString());
        assertTrue(t.get(4) <= 455.0 && t.get(4) >= 445.0, "within 10s before the told end: " + t);
    }

    @Test
    void adaptive_predictionLaterThanCappedGrowth_followsCappedGrowth() {
        EngineFixture f = new EngineFixture();
        f.source.then(remaining(Duration.ofHours(1)), 5).then(succeeded());
        f.finish(f.start(EngineFixture.POLICY));
        assertEquals(List.of(0.0, 5.0, 15.0, 35.0, 55.0, 75.0), f.fetchSeconds());
    }

    @Test
    void adaptive_predictionVeryClose_atLeastMinimumIntervalWithinSmallestUncertainty() {
        EngineFixture f = new EngineFixture();
        f.source.then(remaining(Duration.ofMillis(100))).then(succeeded());
        f.finish(f.start(EngineFixture.POLICY));
        List<Double> t = f.fetchSeconds();
        assertEquals(2, t.size(), t.toString());
        assertTrue(t.get(1) >= 1.0 && t.get(1) <= 0.1 + AdaptiveIntervals.MIN_SIGMA, t.toString());
    }

    @Test
    void adaptive_subTasksDone_predictedLikePercent() {
        EngineFixture f = new EngineFixture();
        // 0/4 at 0s, 1/4 seen at 5s (dated 2.5s +- 2.5s), 2/4 seen at 15s (dated 10s +- 5s): 25% per
        // 7.5s, end predicted at 25s with a spread of 24.3s, so the wait is inside it: at most the
        // no-signal cap (here the first interval, 5s) and never more than the time to the end
        f.source.then(subTasks(0, 4)).then(subTasks(1, 4)).then(subTasks(2, 4)).then(succeeded());
        f.finish(f.start(EngineFixture.POLICY));
        List<Double> t = f.fetchSeconds();
        assertEquals(List.of(0.0, 5.0, 15.0), t.subList(0, 3));
        assertTrue(t.get(3) > 16.0 && t.get(3) <= 20.0, "inside the spread: " + t);
    }

    @Test
    void adaptive_predictedEndPassed_delaysGrowWithTheOverrunUpToNoSignalCap() {
        EngineFixture f = new EngineFixture();
        f.source.then(remaining(Duration.ofSeconds(2))).then(remaining(Duration.ZERO));
        f.start(WIDE);
        f.time.advance(Duration.ofSeconds(1800));
        // still running after the told end (2s) and telling "0s left" ever after: the longer the task
        // outlives the end it told, the less likely it is to end in the next second; delays grow,
        // never beyond the no-signal cap (200s / 7)
        List<Double> t = f.fetchSeconds();
        assertTrue(t.get(1) <= 2.0 + AdaptiveIntervals.MIN_SIGMA, "near the told end: " + t);
        double cap = 200.0 / 7;
        for (int i = 2; i < t.size(); i++) {
            double delay = t.get(i) - t.get(i - 1);
            assertTrue(delay >= 1.0 && delay <= cap + 1e-2, "delay " + i + " of " + t);
            if (i > 2) {
                assertTrue(delay >= t.get(i - 1) - t.get(i - 2) - 1e-2, "delays never shrink: " + t);
            }
        }
        assertEquals(cap, t.get(t.size() - 1) - t.get(t.size() - 2), 1e-2, "at the no-signal cap: " + t);
    }

    @Test
    void progressEvents_afterTwoChanges_carryPredictedEndAndSpreadOfTheEstimator() {
        EngineFixture f = new EngineFixture();
        f.source.then(running(0)).then(running(10)).then(running(20)).then(running(30)).then(succeeded());
        f.finish(f.start(WIDE));
        List<dev.cloudtask.ProgressEvent> events = f.events;
        assertEquals(5, events.size());
        assertNull(events.get(0).predictedEnd(), "no change yet");
        assertNull(events.get(1).predictedEnd(), "one change: no rate yet");
        assertNull(events.get(4).predictedEnd(), "an ended task has no predicted end");
        assertNull(events.get(4).predictedEndSpread());
        // the same observations through an estimator of its own
        ProgressEstimator own = new ProgressEstimator();
        for (int i = 0; i < 4; i++) {
            ProgressEstimator.Estimate e = own.observe(events.get(i).at(), events.get(i).current());
            if (i >= 2) {
                assertEquals(e.end(), events.get(i).predictedEnd(), "event " + i);
                assertEquals(e.spread(), events.get(i).predictedEndSpread(), "event " + i);
                assertTrue(e.end().isAfter(events.get(i).at()), "predicted after the event: " + e);
            }
        }
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
