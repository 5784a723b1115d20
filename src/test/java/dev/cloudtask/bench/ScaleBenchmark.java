package dev.cloudtask.bench;

import dev.cloudtask.CloudTaskAwaiter;
import dev.cloudtask.AwaitHandle;
import dev.cloudtask.AwaitOutcome;
import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.ProgressListener;
import dev.cloudtask.TaskRef;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Scale: many concurrent waits in one JVM, in real time, against the in-process task model (20 ms
 * latency, answered from one "server" thread). For 1,000 and then 10,000 waits it prints the peak
 * of live threads, the heap after GC per running wait, the polls per second achieved, the largest
 * delay of a timer behind its due time, and wrong outcomes; then MET/MISSED lines (at most
 * {@link #EXTRA_THREADS} threads more at the peak than before; under {@link #HEAP_PER_WAIT} bytes per
 * wait for runs of {@link #HEAP_CHECKED_FROM} waits or more; no wrong outcome) and exits 1 if one is
 * missed.
 *
 * <p>Tasks run 20 to 60 s (submitted over the first 5 s, the four progress shapes in equal shares);
 * the policy polls fast (first poll after 1 s, 1 s growing x1.2 up to 5 s) to load the engine. The
 * engine runs on a 2-thread scheduler; its token bucket is set to 1,000 req/s per service+project
 * (10 projects). Run with a 256 MB heap:
 * <pre>
 * MAVEN_OPTS=-Xmx256m mvn -B -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.cloudtask.bench.ScaleBenchmark
 * </pre>
 */
public final class ScaleBenchmark {
    private static final AwaitPolicy POLICY = AwaitPolicy.ofDefaults()
            .withInitialDelay(Duration.ofSeconds(1))
            .withFirstInterval(Duration.ofSeconds(1))
            .withGrowth(1.2)
            .withMaxInterval(Duration.ofSeconds(5))
            .withTimeout(Duration.ofMinutes(5));

    private ScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf(Locale.ROOT, "Scale: max heap %d MB, %d processors%n%n",
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        System.out.println("| waits | live threads before | peak live threads | heap after GC per wait | polls/s"
                + " | largest scheduling delay | wrong outcomes |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        int[] sizes = args.length > 0 ? new int[] {Integer.parseInt(args[0])} : new int[] {1_000, 10_000};
        List<Row> rows = new ArrayList<>();
        for (int n : sizes) {
            rows.add(run(n));
        }
        System.out.println();
        boolean ok = true;
        for (Row r : rows) {
            ok &= check(String.format(Locale.ROOT, "%,d waits: at most %d threads more than before the waits",
                    r.waits(), EXTRA_THREADS), r.peakThreads() - r.threadsBefore() <= EXTRA_THREADS,
                    r.peakThreads() - r.threadsBefore(), EXTRA_THREADS);
            if (r.waits() >= HEAP_CHECKED_FROM) { // fewer waits: other allocations weigh too much per wait
                ok &= check(String.format(Locale.ROOT, "%,d waits: heap per running wait under %,d bytes",
                        r.waits(), HEAP_PER_WAIT), r.heapPerWait() < HEAP_PER_WAIT, r.heapPerWait(), HEAP_PER_WAIT);
            }
            ok &= check(String.format(Locale.ROOT, "%,d waits: zero wrong outcomes", r.waits()), r.wrong() == 0,
                    r.wrong(), 0);
        }
        if (!ok) {
            System.exit(1);
        }
    }

    /** Threads the waits may add at their peak: the engine's two, the model's server thread, one spare. */
    static final int EXTRA_THREADS = 4;
    /** The heap one running wait may take, in bytes. */
    static final long HEAP_PER_WAIT = 2048;
    /** The heap target is checked for runs of at least this many waits. */
    static final int HEAP_CHECKED_FROM = 10_000;

    /** The figures of one run. */
    record Row(int waits, int threadsBefore, int peakThreads, long heapPerWait, int wrong) {
    }

    private static boolean check(String what, boolean ok, long value, long limit) {
        System.out.printf(Locale.ROOT, "%-6s %s: %,d, limit %,d%n", ok ? "MET" : "MISSED", what, value, limit);
        return ok;
    }

    static Row run(int n) throws Exception {
        Workload w = workload(n, Instant.now());
        ScheduledThreadPoolExecutor server = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sim-server");
            t.setDaemon(true);
            return t;
        });
        ModelSource source = new ModelSource(w, Clock.systemUTC(), server, Duration.ofMillis(20), 100_000);
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(CloudTaskAwaiter.Builder.DEFAULT_POOL_THREADS, r -> {
            Thread t = new Thread(r, "cloudtask-await");
            t.setDaemon(true);
            return t;
        });
        pool.setRemoveOnCancelPolicy(true);
        MeasuringScheduler scheduler = new MeasuringScheduler(pool);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heapBefore = heapAfterGc(memory);
        threads.resetPeakThreadCount();
        int threadsBefore = threads.getThreadCount();

        CloudTaskAwaiter engine = CloudTaskAwaiter.builder(source).scheduler(scheduler).rateLimit(1000, 1000)
                .random(new Random(3)).build();
        long t0 = System.nanoTime();
        List<CompletableFuture<AwaitOutcome>> outcomes = new ArrayList<>(n);
        Instant start = Instant.now();
        for (Workload.Task t : w.tasks()) {
            long wait = Duration.between(Instant.now(), t.submittedAt()).toMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            AwaitHandle h = engine.start(t.ref(), t.submittedAt(), POLICY, ProgressListener.NONE);
            outcomes.add(h.outcome().toCompletableFuture());
        }
        Thread.sleep(Math.max(0, 8_000 - Duration.between(start, Instant.now()).toMillis()));
        long heapRunning = heapAfterGc(memory);
        int running = engine.activeWaits();
        CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - t0) / 1e9;
        int peak = threads.getPeakThreadCount();
        int wrong = 0;
        for (int i = 0; i < n; i++) {
            Workload.Task t = w.tasks().get(i);
            AwaitOutcome o = outcomes.get(i).join();
            AwaitOutcome.Kind expected = t.fails() ? AwaitOutcome.Kind.FAILED : AwaitOutcome.Kind.SUCCEEDED;
            if (o.kind() != expected) {
                wrong++;
            }
        }
        engine.close();
        pool.shutdownNow();
        server.shutdownNow();
        System.out.printf(Locale.ROOT, "| %,d | %d | %d | %,d bytes (%,d running) | %,.0f | %d ms | %d |%n",
                n, threadsBefore, peak, (heapRunning - heapBefore) / Math.max(1, running), running,
                source.total() / seconds, scheduler.maxLateNanos() / 1_000_000, wrong);
        return new Row(n, threadsBefore, peak, (heapRunning - heapBefore) / Math.max(1, running), wrong);
    }

    private static long heapAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** {@code n} tasks of 20..60 s, submitted over the first 5 s, shapes in equal shares. */
    static Workload workload(int n, Instant start) {
        Random r = new Random(11);
        List<Workload.Task> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String project = "proj" + r.nextInt(10);
            String id = String.format("t%06d", i);
            TaskRef ref = switch (i % 4) {
                case 0 -> TaskRef.cce(project, id);
                case 1 -> TaskRef.dcs(project, "inst", id);
                case 2 -> TaskRef.dws(project, id);
                default -> TaskRef.mrs(id);
            };
            Instant submitted = start.plusMillis((long) (r.nextDouble() * 5000));
            Duration d = Duration.ofMillis(20_000 + r.nextInt(40_000));
            double a = 0.1 + 0.2 * r.nextDouble();
            tasks.add(new Workload.Task(ref, submitted, d, Workload.Shape.values()[r.nextInt(4)],
                    r.nextInt(10) == 0, new double[] {a, a + 0.35}));
        }
        tasks.sort((x, y) -> x.submittedAt().compareTo(y.submittedAt()));
        return new Workload(tasks);
    }
}
