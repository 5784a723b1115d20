package dev.cloudtask.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.CloudServiceException;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskState;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.testkit.ProgressShape;
import dev.cloudtask.testkit.Timeline;
import dev.cloudtask.testkit.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's HTTP source: the workload's timelines in the simulator and calls over real HTTP
 * in virtual time (a real server is the point; the figures come from virtual time).
 */
class SimulatorSourceTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private static Workload.Task task(TaskRef ref, Workload.Shape shape, long seconds, boolean fails) {
        return new Workload.Task(ref, START.plusSeconds(60), Duration.ofSeconds(seconds), shape, fails,
                new double[] {0.2, 0.5});
    }

    @Test
    void timeline_eachShape_runsExactlyTheTaskDuration() {
        for (Workload.Shape shape : Workload.Shape.CLASSIC) {
            Timeline t = SimulatorSource.timeline(task(TaskRef.cce("p", "j"), shape, 1000, false), START);
            assertEquals(Duration.ofSeconds(60), t.queuedFor(), shape.name());
            assertEquals(Duration.ofSeconds(1000), t.duration(), shape.name());
        }
        Timeline stalled = SimulatorSource.timeline(task(TaskRef.dws("p", "j"), Workload.Shape.STALLS, 1000, false), START);
        assertEquals(ProgressShape.STALLED, stalled.shape());
        assertEquals(Duration.ofSeconds(200), stalled.stallAfter());
        assertEquals(Duration.ofSeconds(300), stalled.stallFor());
    }

    @Test
    void timeline_cceWithoutProgress_hasNoSubJobsSoNoFraction() {
        assertTrue(SimulatorSource.timeline(task(TaskRef.cce("p", "j"), Workload.Shape.NONE, 100, false), START)
                .steps().isEmpty());
        assertEquals(20, SimulatorSource.timeline(task(TaskRef.cce("p", "j"), Workload.Shape.LINEAR, 100, false),
                START).steps().size());
        assertEquals(5, SimulatorSource.timeline(task(TaskRef.dcs("p", "i", "t"), Workload.Shape.NONE, 100, false),
                START).steps().size(), "DCS needs steps to report success without a percent");
    }

    @Test
    void timeline_failingMrsTask_numericCodeAndFailsAtItsEnd() {
        Timeline t = SimulatorSource.timeline(task(TaskRef.mrs("100001"), Workload.Shape.LINEAR, 100, true), START);
        assertEquals("12500", t.failure().code());
        assertEquals(99, t.failure().atProgress());
    }

    @Test
    void fetch_overHttpInVirtualTime_followsTimelineAndCountsRequests() {
        TaskRef ref = TaskRef.dws("proj0", "job1");
        Workload w = new Workload(List.of(task(ref, Workload.Shape.NONE, 120, false)));
        VirtualScheduler time = new VirtualScheduler(START);
        try (SimulatorSource http = new SimulatorSource()) {
            PollingEfficiencyBenchmark.CountingSource source = http.factory().create(w, time);
            List<TaskStatus> seen = new ArrayList<>();
            List<Instant> at = new ArrayList<>();
            for (long s : new long[] {90, 200}) {
                time.schedule(() -> source.fetch(ref).thenAccept(st -> {
                    seen.add(st);
                    at.add(time.now());
                }), s, java.util.concurrent.TimeUnit.SECONDS);
            }
            time.advance(Duration.ofSeconds(300));
            assertEquals(TaskState.RUNNING, seen.get(0).state());
            assertNull(seen.get(0).percent(), "NOT_REPORTED: no percent");
            assertEquals(TaskState.SUCCEEDED, seen.get(1).state());
            assertEquals(List.of(START.plusSeconds(90).plus(SimulatorSource.LATENCY),
                    START.plusSeconds(200).plus(SimulatorSource.LATENCY)), at, "answers after the virtual latency");
            assertEquals(2, source.requests(ref));
            assertEquals(0, source.throttled());
        }
    }

    @Test
    void fetch_overProjectLimit_answers429AndCountsIt() {
        List<Workload.Task> tasks = new ArrayList<>();
        for (int i = 0; i < SimulatorSource.RATE_LIMIT + 5; i++) {
            tasks.add(task(TaskRef.dws("proj0", "job" + i), Workload.Shape.LINEAR, 600, false));
        }
        VirtualScheduler time = new VirtualScheduler(START);
        try (SimulatorSource http = new SimulatorSource()) {
            PollingEfficiencyBenchmark.CountingSource source = http.factory().create(new Workload(tasks), time);
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            time.schedule(() -> {
                for (Workload.Task t : tasks) {
                    CompletionStage<TaskStatus> s = source.fetch(t.ref());
                    s.whenComplete((v, e) -> {
                        if (e != null) {
                            failures.add(e instanceof CompletionException ? e.getCause() : e);
                        }
                    });
                }
            }, 120, java.util.concurrent.TimeUnit.SECONDS);
            time.advance(Duration.ofSeconds(130));
            // burst 20 per project: 5 of 25 sent at once are over it; one token may refill (20/s)
            // while time runs on to the 50 ms horizon before the last calls reach the simulator
            long throttled = source.throttled();
            assertTrue(throttled == 5 || throttled == 4, "429s: " + throttled);
            assertEquals(throttled, failures.size());
            assertTrue(failures.stream().allMatch(f -> f instanceof CloudServiceException c && c.isThrottled()
                    && c.service() == CloudService.DWS), failures.toString());
        }
    }
}
