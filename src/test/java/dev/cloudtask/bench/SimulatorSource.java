package dev.cloudtask.bench;

import dev.cloudtask.CloudService;
import dev.cloudtask.CloudServiceException;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.TaskStatusSource;
import dev.cloudtask.client.CloudClients;
import dev.cloudtask.testkit.CloudSimulator;
import dev.cloudtask.testkit.ProgressShape;
import dev.cloudtask.testkit.Timeline;
import dev.cloudtask.testkit.VirtualScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The polling-efficiency workload served by a {@link CloudSimulator} over real HTTP and read
 * through {@link CloudClients#taskStatusSource()}, in the run's virtual time.
 *
 * <p>The benchmark gives each strategy run its own instance (the runs go concurrently, each in its
 * own virtual time); an instance can also serve several runs one after the other, its clock
 * following each run. Per run, {@link #factory()}: points the simulator's clock at the run's
 * {@link VirtualScheduler}, forgets the previous run's tasks, installs a fresh per-project rate
 * limit ({@link #RATE_LIMIT} requests/s, burst {@link #RATE_LIMIT}; over it 429 without
 * {@code Retry-After}) and creates the workload's tasks, each queued until its submission so it
 * runs exactly {@code [submittedAt, submittedAt + duration)}. Connections are kept alive and
 * reused for the whole run (each open connection costs a simulator thread); at most
 * {@link #CLIENT_THREADS} calls are in flight per client. Every call is brought into virtual time
 * with
 * {@link VirtualScheduler#track(CompletionStage, Duration)} and a virtual latency of
 * {@link #LATENCY}: calls made within that window are in flight together, and time waits for them
 * at its end.
 *
 * <p>Timelines ({@link #timeline}): the workload's durations and shapes mapped onto the simulator's.
 * Classic shapes: LINEAR; STEPS (five steps); STALLS as STALLED with one stall as long as the
 * model's two together (30 % of the duration, starting where the model's first one does); NONE as
 * NOT_REPORTED; a failing task reaches 99 % and fails at its end. Curves: each onto the simulator's
 * kind of the same name with the task's parameters (S_CURVE, LATE_RUSH, DIPS, OVERSHOOT,
 * COARSE_STEPS); a task that fails early fails after its {@code failsAfter}. CCE tasks have 20
 * sub-jobs (5 for STEPS, 4 for COARSE_STEPS, none for NOT_REPORTED, which would otherwise report a
 * fraction), DCS tasks five steps (DCS needs steps to report success without a percentage).
 * {@link TaskModel} answers from the same timelines for the curves.
 */
public final class SimulatorSource implements AutoCloseable {
    /** Requests per second and burst the simulator allows per project (MRS: one bucket). */
    public static final int RATE_LIMIT = 20;
    /** The virtual duration of one HTTP call (default 50 ms, {@code -Dbench.latency=250ms}). */
    public static final Duration LATENCY = dev.cloudtask.internal.Durations.parse("bench.latency",
            System.getProperty("bench.latency", "50ms"));
    /** Threads completing the clients' asynchronous calls (and so connections in use at once). */
    static final int CLIENT_THREADS = 8;

    private final SwitchableClock clock = new SwitchableClock();
    private final CloudSimulator sim;
    private final ExecutorService executor;
    private final CloudClients clients;
    private final TaskStatusSource rest;

    public SimulatorSource() {
        this.sim = CloudSimulator.builder().clock(clock).start();
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(CLIENT_THREADS, r -> {
            Thread t = new Thread(r, "bench-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        CloudClients.Builder b = CloudClients.builder().executor(executor);
        for (CloudService s : CloudService.values()) {
            b.endpoint(s, sim.baseUri());
        }
        this.clients = b.build();
        this.rest = clients.taskStatusSource();
    }

    /** The source factory of one strategy run. */
    public PollingEfficiencyBenchmark.SourceFactory factory() {
        return (workload, time) -> {
            clock.use(time.clock());
            sim.reset();
            sim.rateLimit(RATE_LIMIT, RATE_LIMIT);
            Instant now = time.now();
            for (Workload.Task t : workload.tasks()) {
                sim.createTask(t.ref(), timeline(t, now));
            }
            return new Counting(workload, time);
        };
    }

    /** The simulator timeline of {@code t}, for a task created at {@code now}. */
    static Timeline timeline(Workload.Task t, Instant now) {
        Duration d = t.duration();
        Timeline.Builder b = Timeline.builder().duration(d).queuedFor(Duration.between(now, t.submittedAt()));
        CloudService service = t.ref().service();
        int steps = switch (t.shape()) {
            case STEPS -> 5;
            case NONE -> service == CloudService.DCS ? 5 : 0;
            case COARSE_STEPS -> service == CloudService.CCE ? 4 : service == CloudService.DCS ? 5 : 0;
            default -> service == CloudService.CCE ? 20 : service == CloudService.DCS ? 5 : 0;
        };
        for (int i = 1; i <= steps; i++) {
            b.step("step-" + i);
        }
        double[] p = t.params();
        switch (t.shape()) {
            case LINEAR -> b.shape(ProgressShape.LINEAR);
            case STEPS -> b.shape(ProgressShape.STEPS);
            case STALLS -> b.stall(Duration.ofMillis((long) (d.toMillis() * p[0])), Duration.ofMillis((long) (d.toMillis() * 0.3)));
            case NONE -> b.shape(ProgressShape.NOT_REPORTED);
            case S_CURVE -> b.shape(ProgressShape.S_CURVE);
            case LATE_RUSH -> b.lateRush(share(d, p[0]), p[1] * 100);
            case DIPS -> b.dip(share(d, p[0]), share(d, p[1]), p[2] * 100).dip(share(d, p[3]), share(d, p[4]), p[5] * 100);
            case OVERSHOOT -> b.overshoot(share(d, p[0]));
            case COARSE_STEPS -> b.coarseSteps(share(d, p[0]), share(d, p[1]), share(d, p[2]));
        }
        String code = service == CloudService.MRS ? "12500" : "SIM.0001";
        if (t.failsEarly()) {
            b.failsAfter(t.failsAfter(), code, "simulated failure");
        } else if (t.fails()) {
            b.fails(code, "simulated failure", 99);
        }
        return b.build();
    }

    /** The running time that is {@code fraction} of {@code d}. */
    private static Duration share(Duration d, double fraction) {
        return Duration.ofNanos(Math.round(d.toNanos() * fraction));
    }

    /** Client connections the simulator holds open now (each one a simulator thread). */
    public int openConnections() {
        return sim.openConnections();
    }

    @Override
    public void close() {
        clients.close();
        sim.close();
        executor.shutdownNow();
    }

    /** One run's view: counts requests per task and 429 answers. */
    private final class Counting implements PollingEfficiencyBenchmark.CountingSource {
        private final Map<TaskRef, AtomicLong> requests = new HashMap<>(); // read-only after construction
        private final AtomicLong throttled = new AtomicLong();
        private final VirtualScheduler time;

        Counting(Workload w, VirtualScheduler time) {
            this.time = time;
            for (Workload.Task t : w.tasks()) {
                requests.put(t.ref(), new AtomicLong());
            }
        }

        @Override
        public CompletionStage<TaskStatus> fetch(TaskRef ref) {
            requests.get(ref).incrementAndGet();
            CompletionStage<TaskStatus> call = rest.fetch(ref).whenComplete((s, e) -> {
                Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                if (c instanceof CloudServiceException ce && ce.isThrottled()) {
                    throttled.incrementAndGet();
                }
            });
            return time.track(call, LATENCY);
        }

        @Override
        public long requests(TaskRef ref) {
            return requests.get(ref).get();
        }

        @Override
        public long throttled() {
            return throttled.get();
        }
    }

    /** A clock that reads whichever clock it was last pointed at (the current run's virtual time). */
    private static final class SwitchableClock extends Clock {
        private volatile Clock delegate = Clock.systemUTC();

        void use(Clock c) {
            this.delegate = c;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return delegate.withZone(zone);
        }

        @Override
        public Instant instant() {
            return delegate.instant();
        }
    }
}
