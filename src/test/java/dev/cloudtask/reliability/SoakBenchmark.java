package dev.cloudtask.reliability;

import dev.cloudtask.CloudTaskAwaiter;
import dev.cloudtask.AwaitOutcome;
import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import dev.cloudtask.client.CloudClients;
import dev.cloudtask.testkit.AcceleratedClock;
import dev.cloudtask.testkit.AcceleratedScheduler;
import dev.cloudtask.testkit.CloudSimulator;
import dev.cloudtask.testkit.Endpoint;
import dev.cloudtask.testkit.InjectedFault;
import dev.cloudtask.testkit.FaultPlan;
import dev.cloudtask.testkit.JournalEntry;
import dev.cloudtask.testkit.Timeline;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Soak: 2,000 tasks over the four services (500 each), one partition per task of one partitioned
 * {@code awaitCloudTask} step (jbatch + Weld SE + the library's awaiter + {@code RestTaskStatusSource}
 * over HTTP to the {@link CloudSimulator}), in accelerated time: the simulator and the engine share an
 * {@link AcceleratedClock} and the engine's scheduler runs its delays that much faster
 * ({@link AcceleratedScheduler}), so the step's default policy (2 s first poll, 5 s, x1.5, 2 min cap)
 * applies in simulated time. 10% of all progress requests get a transient fault (500, 502, 503, 504,
 * connection reset, truncated JSON, HTML 502 page, in equal shares) and 2% are throttled (429 without
 * Retry-After), from a seeded {@link FaultPlan}; 10% of the tasks fail remotely with an error code.
 * Prints tasks, correct and wrong outcomes (compared with each task's timeline), polls, live threads
 * and heap after GC at start and after each round (2 rounds by default, so growth between rounds shows a leak).
 *
 * <pre>
 * MAVEN_OPTS=-Xmx512m mvn -B -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.cloudtask.reliability.SoakBenchmark [-Dexec.args="&lt;tasks&gt; &lt;factor&gt; &lt;threads&gt; &lt;seed&gt; &lt;rounds&gt;"]
 * </pre>
 */
public final class SoakBenchmark {
    private static final InjectedFault[] TRANSIENT = {InjectedFault.status(500), InjectedFault.status(502), InjectedFault.status(503),
            InjectedFault.status(504), InjectedFault.connectionReset(), InjectedFault.truncatedJson(), InjectedFault.htmlErrorPage(502)};

    /** Real milliseconds between the planned starts of two consecutive tasks. */
    private static final double STAGGER_REAL_MS = 20;
    private static final boolean PROGRESS = Boolean.getBoolean("soak.progress");

    private SoakBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        double factor = args.length > 1 ? Double.parseDouble(args[1]) : 60;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 400;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        Logger.getLogger("").setLevel(Level.SEVERE);

        AcceleratedClock clock = AcceleratedClock.of(factor);
        Random random = new Random(seed);
        java.util.concurrent.ThreadPoolExecutor httpThreads = (java.util.concurrent.ThreadPoolExecutor)
                Executors.newFixedThreadPool(32, r -> {
                    Thread t = new Thread(r, "soak-http");
                    t.setDaemon(true);
                    return t;
                });
        httpThreads.prestartAllCoreThreads(); // a fixed pool: all 32 threads live from the start
        AcceleratedScheduler scheduler = new AcceleratedScheduler(clock, 2);
        try (CloudSimulator sim = CloudSimulator.builder().clock(clock).start()) {
            CloudClients.Builder b = CloudClients.builder().readTimeout(Duration.ofSeconds(20)).executor(httpThreads);
            for (CloudService s : CloudService.values()) {
                b.endpoint(s, sim.baseUri());
            }
            CloudClients clients = b.build();
            CloudTaskAwaiter engine = CloudTaskAwaiter.builder(clients.taskStatusSource()).scheduler(scheduler).clock(clock)
                    .rateLimit(0, 0).requestTimeout(Duration.ofSeconds((long) (20 * factor))).random(new Random(seed))
                    .build();
            RealEngine.use(engine);
            JobOperator jobs = BatchRuntime.getJobOperator(); // jbatch + Weld started before measuring

            warmUp(sim, jobs); // first job: Derby, jbatch and client pools start their threads

            Snapshot start = Snapshot.take(); // after the warm-up, before the first round
            for (int round = 1; round <= rounds; round++) {
            System.out.println("round " + round + " of " + rounds + ":");
            Map<TaskRef, Timeline> expected = new HashMap<>();
            List<String> refs = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                CloudService service = CloudService.values()[i % 4];
                Timeline.Builder t = Timeline.builder()
                        // jbatch starts about 50 partitions per real second: stagger the tasks so each
                        // one is still running when its partition starts
                        .queuedFor(Duration.ofMillis((long) (i * STAGGER_REAL_MS * factor)).plusSeconds(random.nextInt(30)))
                        .duration(Duration.ofMinutes(5 + random.nextInt(26)));
                if (random.nextInt(10) == 0) {
                    t.fails(service == CloudService.MRS ? "12345" : service.name() + ".4242", "soak failure",
                            10 + random.nextInt(80));
                }
                Timeline timeline = t.build();
                TaskRef ref = sim.createTask(service, timeline);
                expected.put(ref, timeline);
                refs.add(ref.asString());
            }
            FaultPlan faults = sim.faults().seed(seed);
            faults.forAll().endpoint(Endpoint.POLL).withProbability(0.02, InjectedFault.throttled());
            double each = 1 - Math.pow(1 - 0.10 / 0.98, 1.0 / TRANSIENT.length);
            for (InjectedFault f : TRANSIENT) {
                faults.forAll().endpoint(Endpoint.POLL).withProbability(each, f);
            }

            long t0 = System.nanoTime();
            Properties p = new Properties();
            p.setProperty("tasks", String.join(",", refs));
            p.setProperty("threads", Integer.toString(threads));
            long id = jobs.start("rely-soak", p);
            JobExecution done = awaitEnd(jobs, id, Duration.ofMinutes(30));
            double wall = (System.nanoTime() - t0) / 1e9;

            int correct = 0;
            int wrong = 0;
            int missing = 0;
            long enginePolls = 0;
            List<String> wrongSamples = new ArrayList<>();
            for (Map.Entry<TaskRef, Timeline> e : expected.entrySet()) {
                AwaitOutcome o = RealEngine.outcomes().get(e.getKey());
                if (o == null) {
                    missing++;
                    continue;
                }
                enginePolls += o.polls();
                if (matches(e.getKey(), e.getValue(), o)) {
                    correct++;
                } else {
                    wrong++;
                    if (wrongSamples.size() < 5) {
                        wrongSamples.add(o.kind() + " " + o.errorCode() + " " + o.detail());
                    }
                }
            }
            List<JournalEntry> journal = sim.journal().entries(j -> j.endpoint() == Endpoint.POLL);
            long pollCount = journal.size();
            long faulted = journal.stream().filter(j -> j.note() != null && j.note().startsWith("fault:")).count();
            Map<String, Long> byFault = journal.stream().filter(j -> j.note() != null && j.note().startsWith("fault:"))
                    .collect(Collectors.groupingBy(JournalEntry::note, java.util.TreeMap::new, Collectors.counting()));
            Map<CloudService, java.util.IntSummaryStatistics> perService = RealEngine.outcomes().entrySet().stream()
                    .filter(e -> expected.containsKey(e.getKey()))
                    .collect(Collectors.groupingBy(e -> e.getKey().service(), java.util.TreeMap::new,
                            Collectors.summarizingInt(e -> e.getValue().polls())));
            // what the bench itself holds goes before measuring the end: tasks, journal, outcomes
            sim.reset();
            RealEngine.outcomes().clear();
            expected.clear();
            journal = null;
            Snapshot endNow = Snapshot.take();
            Thread.sleep(65_000); // jbatch's cached pool lets idle threads go after 60 s
            Snapshot endIdle = Snapshot.take();

            System.out.println();
            System.out.printf("job %d: %s, exit status %s; %.0f s wall, factor %.0f (%.0f simulated minutes)%n", id,
                    done.getBatchStatus(), done.getExitStatus(), wall, factor, wall * factor / 60);
            System.out.println("| tasks | correct outcomes | wrong outcomes | no outcome | polls (simulator) "
                    + "| polls (engine) | faulted polls | throttled | threads start | threads end (right after / 65 s idle) "
                    + "| heap after GC start | heap after GC end (right after / 65 s idle) |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
            System.out.printf("| %d | %d | %d | %d | %d | %d | %d (%.1f%%) | %d (%.1f%%) | %d | %d / %d | %.1f MB | %.1f / %.1f MB |%n",
                    tasks, correct, wrong, missing, pollCount, enginePolls,
                    faulted - byFault.getOrDefault("fault:429", 0L),
                    100.0 * (faulted - byFault.getOrDefault("fault:429", 0L)) / pollCount,
                    byFault.getOrDefault("fault:429", 0L), 100.0 * byFault.getOrDefault("fault:429", 0L) / pollCount,
                    start.threads, endNow.threads, endIdle.threads, start.heapMb, endNow.heapMb, endIdle.heapMb);
            System.out.println("faults by kind: " + byFault);
            System.out.println("threads by name, start -> end (65 s idle), where different: "
                    + diff(start.names, endIdle.names));
            wrongSamples.forEach(s -> System.out.println("wrong: " + s));
            perService.forEach((svc, st) -> System.out.printf("polls per %s task: avg %.1f, max %d%n", svc,
                    st.getAverage(), st.getMax()));
            }
            engine.close();
        } finally {
            scheduler.shutdownNow();
            httpThreads.shutdownNow();
        }
        System.exit(0);
    }

    /** The outcome the task's timeline dictates: SUCCEEDED, or FAILED with the failure code where the service reports one. */
    static boolean matches(TaskRef ref, Timeline timeline, AwaitOutcome o) {
        if (!timeline.fails()) {
            return o.kind() == AwaitOutcome.Kind.SUCCEEDED;
        }
        if (o.kind() != AwaitOutcome.Kind.FAILED) {
            return false;
        }
        String code = timeline.failure().code();
        return ref.service() == CloudService.CCE
                ? o.detail() != null && o.detail().contains(code)
                : o.errorCode() != null && o.errorCode().contains(code);
    }

    private static void warmUp(CloudSimulator sim, JobOperator jobs) throws InterruptedException {
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            refs.add(sim.createTask(CloudService.values()[i % 4], Timeline.builder().duration(Duration.ofMinutes(1))
                    .build()).asString());
        }
        Properties p = new Properties();
        p.setProperty("tasks", String.join(",", refs));
        p.setProperty("threads", "8");
        awaitEnd(jobs, jobs.start("rely-soak", p), Duration.ofMinutes(5));
        Thread.sleep(65_000); // let the idle pool threads of the warm-up go
    }

    private static Map<String, String> diff(Map<String, Integer> a, Map<String, Integer> b) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (String k : new java.util.TreeSet<>(java.util.stream.Stream.concat(a.keySet().stream(), b.keySet().stream())
                .toList())) {
            int x = a.getOrDefault(k, 0);
            int y = b.getOrDefault(k, 0);
            if (x != y) {
                out.put(k, x + " -> " + y);
            }
        }
        return out;
    }

    private static JobExecution awaitEnd(JobOperator jobs, long id, Duration limit) throws InterruptedException {
        long begin = System.nanoTime();
        long deadline = begin + limit.toNanos();
        int ticks = 0;
        while (true) {
            JobExecution e = jobs.getJobExecution(id);
            BatchStatus s = e.getBatchStatus();
            if (s == BatchStatus.COMPLETED || s == BatchStatus.FAILED || s == BatchStatus.STOPPED
                    || s == BatchStatus.ABANDONED) {
                return e;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("job " + id + " still " + s + " after " + limit);
            }
            Thread.sleep(500);
            if (PROGRESS && ++ticks % 10 == 0) {
                System.out.printf("  %.0f s: %d waits started, %d ended%n", (System.nanoTime() - begin) / 1e9,
                        RealEngine.started(), RealEngine.outcomes().size());
            }
        }
    }

    /** Live threads and heap used after a full GC. */
    record Snapshot(int threads, double heapMb, Map<String, Integer> names) {
        static Snapshot take() {
            MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            Map<String, Integer> names = new java.util.TreeMap<>();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                names.merge(t.getName().replaceAll("\\d+", "N"), 1, Integer::sum);
            }
            return new Snapshot(ManagementFactory.getThreadMXBean().getThreadCount(),
                    mem.getHeapMemoryUsage().getUsed() / (1024.0 * 1024), names);
        }
    }
}
