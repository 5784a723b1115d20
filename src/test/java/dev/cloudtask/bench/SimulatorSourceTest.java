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
    void timeline_curvesAndEarlyFailure_mappedOntoTheSimulatorsKinds() {
        Workload.Task rush = new Workload.Task(TaskRef.dws("p", "j"), START.plusSeconds(60), Duration.ofSeconds(1000),
                Workload.Shape.LATE_RUSH, true, new double[] {0.7, 0.1}, Duration.ofSeconds(430));
        Timeline t = SimulatorSource.timeline(rush, START);
        assertEquals(ProgressShape.LATE_RUSH, t.shape());
        assertEquals(Duration.ofSeconds(700), t.rushAfter());
        assertEquals(10, t.rushFrom(), 1e-9);
        assertEquals(Duration.ofSeconds(430), t.failure().after());
        assertEquals(Duration.ofSeconds(430), t.runsFor());
        Workload.Task coarse = new Workload.Task(TaskRef.cce("p", "j"), START, Duration.ofSeconds(1000),
                Workload.Shape.COARSE_STEPS, false, new double[] {0.1, 0.5, 0.6});
        Timeline c = SimulatorSource.timeline(coarse, START);
        assertEquals(List.of(Duration.ofSeconds(100), Duration.ofSeconds(500), Duration.ofSeconds(600)), c.stepEnds());
        assertEquals(4, c.steps().size(), "CCE: one sub-job per coarse step");
        assertNull(c.failure());
    }

    /** Each curve on each service, running to its end and failing early: 48 tasks. */
    private static List<Workload.Task> curveTasks() {
        List<Workload.Task> tasks = new ArrayList<>();
        int n = 0;
        for (Workload.Shape shape : Workload.Shape.CURVES) {
            double[] params = switch (shape) {
                case LATE_RUSH -> new double[] {0.7, 0.1};
                case DIPS -> new double[] {0.81, 0.04, 0.03, 0.9, 0.02, 0.025};
                case OVERSHOOT -> new double[] {0.8};
                case COARSE_STEPS -> new double[] {0.1, 0.5, 0.6};
                default -> new double[0];
            };
            for (CloudService service : CloudService.values()) {
                for (boolean early : new boolean[] {false, true}) {
                    String project = "proj" + n;
                    String id = "task" + n;
                    TaskRef ref = switch (service) {
                        case CCE -> TaskRef.cce(project, id);
                        case DCS -> TaskRef.dcs(project, "inst", id);
                        case DWS -> TaskRef.dws(project, id);
                        case MRS -> TaskRef.mrs(Integer.toString(100_000 + n));
                    };
                    // an overshooting task fails after reaching 100 %, the others midway
                    Duration failsAfter = !early ? null
                            : Duration.ofSeconds(shape == Workload.Shape.OVERSHOOT ? 850 : 430);
                    tasks.add(new Workload.Task(ref, START.plusSeconds(60), Duration.ofSeconds(1000), shape, early,
                            params, failsAfter));
                    n++;
                }
            }
        }
        return tasks;
    }

    @Test
    void curveTasks_polledOverHttp_agreeWithTheTaskModelAtEveryInstant() {
        List<Workload.Task> tasks = curveTasks();
        List<Double> instants = new ArrayList<>();
        for (double r = 0.5; r < 1010; r += 23) {
            instants.add(r);
        }
        // step ends, dip edges, the overshoot, the early failures and the end (a second apart at least,
        // so that the 12 MRS tasks, which share one rate-limit bucket, are not throttled)
        instants.addAll(List.of(100.0, 429.0, 430.0, 500.0, 600.0, 800.0, 811.0, 812.0, 849.0, 850.0, 851.0,
                901.0, 999.0, 1000.0));
        record Seen(Workload.Task task, Instant at, TaskStatus status) {
        }
        List<Seen> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        VirtualScheduler time = new VirtualScheduler(START);
        try (SimulatorSource http = new SimulatorSource()) {
            PollingEfficiencyBenchmark.CountingSource source = http.factory().create(new Workload(tasks), time);
            for (double r : instants) {
                time.schedule(() -> {
                    Instant at = time.now();
                    for (Workload.Task t : tasks) {
                        source.fetch(t.ref()).thenAccept(st -> seen.add(new Seen(t, at, st)));
                    }
                }, (long) ((60 + r) * 1e9), java.util.concurrent.TimeUnit.NANOSECONDS);
            }
            time.advance(Duration.ofSeconds(60 + 1100));
            assertEquals(0, source.throttled());
        }
        assertEquals(instants.size() * tasks.size(), seen.size(), "every poll answered");
        int running = 0;
        for (Seen s : seen) {
            // the simulator answers at some instant of the call's virtual latency window
            TaskStatus got = s.status();
            List<String> want = List.of(reading(TaskModel.statusAt(s.task(), s.at())),
                    reading(TaskModel.statusAt(s.task(), s.at().plus(SimulatorSource.LATENCY))));
            assertTrue(want.contains(reading(got)), s.task().ref() + " " + s.task().shape()
                    + (s.task().failsEarly() ? " failing early" : "") + " at +"
                    + Duration.between(s.task().submittedAt(), s.at()) + ": model " + want + ", HTTP " + reading(got));
            running += got.state() == TaskState.RUNNING ? 1 : 0;
        }
        assertTrue(running > seen.size() / 2, "mostly running: " + running + " of " + seen.size());
    }

    /** What the engine reads: the state and, while running, percent, remaining time and CCE sub-jobs. */
    private static String reading(TaskStatus s) {
        return s.state() + (s.state() != TaskState.RUNNING ? ""
                : " percent=" + s.percent() + " remaining=" + s.remaining() + " subJobs=" + subJobs(s));
    }

    /** CCE sub-jobs done of total; none for no sub-jobs (a CCE job without any reads as 0 of 0: no fraction either). */
    private static String subJobs(TaskStatus s) {
        return s.subTasksTotal() == null || s.subTasksTotal() == 0 ? null : s.subTasksDone() + "/" + s.subTasksTotal();
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
