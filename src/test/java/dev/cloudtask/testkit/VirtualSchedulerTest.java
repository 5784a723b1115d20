package dev.cloudtask.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The virtual scheduler: time order, clock view, cancellation, periodic tasks. */
class VirtualSchedulerTest {

    @Test
    void advance_tasksRunInTimeOrderWithClockAtTheirTime() {
        VirtualScheduler v = new VirtualScheduler();
        List<String> log = new ArrayList<>();
        v.schedule(() -> log.add("b@" + v.clock().millis()), 2, TimeUnit.SECONDS);
        v.schedule(() -> log.add("a@" + v.clock().millis()), 1, TimeUnit.SECONDS);
        v.schedule(() -> log.add("c@" + v.clock().millis()), 2, TimeUnit.SECONDS);
        long t0 = v.clock().millis();
        v.advance(Duration.ofSeconds(1));
        assertEquals(List.of("a@" + (t0 + 1000)), log);
        v.advance(Duration.ofSeconds(5));
        assertEquals(List.of("a@" + (t0 + 1000), "b@" + (t0 + 2000), "c@" + (t0 + 2000)), log);
        assertEquals(t0 + 6000, v.clock().millis());
    }

    @Test
    void overVirtualClock_advancing_movesThatClockAndTasksSeeIt() {
        VirtualClock clock = VirtualClock.at(Instant.parse("2030-05-01T00:00:00Z"));
        VirtualScheduler v = new VirtualScheduler(clock);
        List<Instant> seen = new ArrayList<>();
        v.schedule(() -> seen.add(clock.instant()), 90, TimeUnit.SECONDS);

        v.advance(Duration.ofMinutes(2));

        assertSame(clock, v.clock());
        assertEquals(List.of(Instant.parse("2030-05-01T00:01:30Z")), seen);
        assertEquals(Instant.parse("2030-05-01T00:02:00Z"), clock.instant());
    }

    @Test
    void cancel_cancelledTaskNeverRuns() {
        VirtualScheduler v = new VirtualScheduler();
        int[] runs = new int[1];
        ScheduledFuture<?> f = v.schedule(() -> runs[0]++, 1, TimeUnit.SECONDS);
        assertTrue(f.cancel(false));
        v.advance(Duration.ofSeconds(2));
        assertEquals(0, runs[0]);
    }

    @Test
    void fixedRate_runsEveryPeriodUntilCancelled() {
        VirtualScheduler v = new VirtualScheduler();
        int[] runs = new int[1];
        ScheduledFuture<?> f = v.scheduleAtFixedRate(() -> runs[0]++, 0, 10, TimeUnit.SECONDS);
        v.advance(Duration.ofSeconds(35));
        assertEquals(4, runs[0]);
        f.cancel(false);
        v.advance(Duration.ofSeconds(35));
        assertEquals(4, runs[0]);
    }

    @Test
    void runUntil_conditionMet_stopsThereWithoutSkippingAhead() {
        VirtualScheduler v = new VirtualScheduler();
        boolean[] done = new boolean[1];
        v.schedule(() -> done[0] = true, 30, TimeUnit.SECONDS);
        v.schedule(() -> { }, 90, TimeUnit.SECONDS);
        assertTrue(v.runUntil(() -> done[0], Duration.ofMinutes(5)));
        assertEquals(1, v.queuedTasks());
    }

    @Test
    void track_outsideCallPending_timeWaitsAndResultArrivesAtThatTime() throws Exception {
        VirtualScheduler v = new VirtualScheduler();
        java.util.concurrent.CompletableFuture<String> outside = new java.util.concurrent.CompletableFuture<>();
        List<String> log = new ArrayList<>();
        v.schedule(() -> v.track(outside).thenAccept(s -> log.add(s + "@" + v.now())), 1, TimeUnit.SECONDS);
        v.schedule(() -> log.add("later@" + v.now()), 5, TimeUnit.SECONDS);
        Thread answer = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            outside.complete("answer");
        });
        java.time.Instant t1 = v.now().plusSeconds(1);
        java.time.Instant t5 = v.now().plusSeconds(5);
        answer.start();
        v.advance(Duration.ofSeconds(10));
        answer.join();
        assertEquals(List.of("answer@" + t1, "later@" + t5), log);
    }

    @Test
    void trackWithLatency_callPending_timeRunsUpToHorizonAndAnswerArrivesExactlyThere() throws Exception {
        VirtualScheduler v = new VirtualScheduler();
        java.util.concurrent.CompletableFuture<String> outside = new java.util.concurrent.CompletableFuture<>();
        List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.time.Instant t0 = v.now();
        v.schedule(() -> v.track(outside, Duration.ofMillis(50)).thenAccept(s -> log.add(s + "@" + v.now())),
                0, TimeUnit.SECONDS);
        v.schedule(() -> {
            log.add("inside-window@" + v.now());
            outside.complete("answer"); // completes while time is inside the window
        }, 20, TimeUnit.MILLISECONDS);
        v.schedule(() -> log.add("after@" + v.now()), 60, TimeUnit.MILLISECONDS);
        v.advance(Duration.ofSeconds(1));
        assertEquals(List.of("inside-window@" + t0.plusMillis(20), "answer@" + t0.plusMillis(50),
                "after@" + t0.plusMillis(60)), log);
    }

    @Test
    void trackWithLatency_answerLateInRealTime_timeStopsAtHorizon() throws Exception {
        VirtualScheduler v = new VirtualScheduler();
        java.util.concurrent.CompletableFuture<String> outside = new java.util.concurrent.CompletableFuture<>();
        List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.time.Instant t0 = v.now();
        v.schedule(() -> v.track(outside, Duration.ofMillis(50)).thenAccept(s -> log.add(s + "@" + v.now())),
                0, TimeUnit.SECONDS);
        v.schedule(() -> log.add("later@" + v.now()), 5, TimeUnit.SECONDS);
        Thread answer = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            outside.complete("answer");
        });
        answer.start();
        v.advance(Duration.ofSeconds(10));
        answer.join();
        assertEquals(List.of("answer@" + t0.plusMillis(50), "later@" + t0.plusSeconds(5)), log);
    }

    @Test
    void trackWithLatency_negative_rejectedNamingIt() {
        VirtualScheduler v = new VirtualScheduler();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> v.track(new java.util.concurrent.CompletableFuture<String>(), Duration.ofMillis(-1)));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("latency"), e.getMessage());
    }
}
