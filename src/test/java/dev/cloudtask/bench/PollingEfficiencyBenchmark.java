package dev.cloudtask.bench;

import dev.cloudtask.AwaitHandle;
import dev.cloudtask.AwaitOutcome;
import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.CloudTaskAwaiter;
import dev.cloudtask.ProgressListener;
import dev.cloudtask.TaskState;
import dev.cloudtask.TaskStatusSource;
import dev.cloudtask.internal.Durations;
import dev.cloudtask.testkit.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Polling efficiency: the same seeded workload of 1,000 tasks, in virtual time, with our default
 * policy and with the strategies of the known waiters. Prints, per strategy, requests per task
 * (mean, p95), detection lag from the remote end to our outcome (p50, p95 in seconds and in % of
 * the task's duration), 429s received, and wrong outcomes; then checks the targets.
 *
 * <p>The task source is pluggable ({@link SourceFactory}); {@link #main} uses the
 * {@link SimulatorSource} (the simulator over real HTTP), or with {@code --model} the in-process
 * {@link ModelSource}. Run:
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.cloudtask.bench.PollingEfficiencyBenchmark [-Dexec.args="[--model] seed tasks"]
 * </pre>
 */
public final class PollingEfficiencyBenchmark {

    /**
     * Makes the task source one strategy run uses; the run's virtual scheduler is its time. A
     * source that makes real calls (the simulator over HTTP, its clock set to {@code time.clock()})
     * wraps each call's stage with {@link VirtualScheduler#track} so virtual time waits for it.
     */
    @FunctionalInterface
    public interface SourceFactory {
        CountingSource create(Workload workload, VirtualScheduler time);
    }

    /** A task source that also counts requests per task and 429 answers, for the table. */
    public interface CountingSource extends TaskStatusSource {
        long requests(dev.cloudtask.TaskRef ref);

        long throttled();
    }

    /**
     * The figures of one strategy.
     *
     * @param strategy the strategy's name
     * @param pollsMean requests per task, mean
     * @param pollsP95 requests per task, 95th percentile
     * @param lagP50 detection lag, median, seconds
     * @param lagP95 detection lag, 95th percentile, seconds
     * @param lagPctP50 detection lag as % of the task's duration, median
     * @param lagPctP95 detection lag as % of the task's duration, 95th percentile
     * @param throttled 429 answers received
     * @param wrong outcomes that differ from the task's real end
     */
    public record Result(String strategy, double pollsMean, double pollsP95, double lagP50, double lagP95,
            double lagPctP50, double lagPctP95, long throttled, int wrong) {
    }

    private PollingEfficiencyBenchmark() {
    }

    public static void main(String[] args) {
        boolean model = Arrays.asList(args).contains("--model");
        String[] rest = Arrays.stream(args).filter(a -> !a.startsWith("--")).toArray(String[]::new);
        long seed = rest.length > 0 ? Long.parseLong(rest[0]) : 20261123L;
        int count = rest.length > 1 ? Integer.parseInt(rest[1]) : 1000;
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        Workload w = Workload.generate(seed, count, start);
        AwaitPolicy ours = oursFromProperty(System.getProperty("bench.ours"));
        List<Strategy> strategies = Strategy.all(ours);
        if (Boolean.getBoolean("bench.oursOnly")) {
            strategies = strategies.subList(0, 1);
        }
        long wallStart = System.nanoTime();
        List<Result> results = new ArrayList<>();
        if (model) {
            System.out.printf(Locale.ROOT, "Polling efficiency: %d tasks (seed %d), durations 30s..4h log-uniform,"
                    + " 4 progress shapes, server limit %d req/s per service+project (429, Retry-After 1s),"
                    + " in-process task model, 50 ms latency%n%n", count, seed, ModelSource.SERVER_LIMIT);
            for (Strategy s : strategies) {
                results.add(timed(s, () -> run(w, s, (wl, time) -> new CountingModel(wl, time), start)));
            }
        } else {
            System.out.printf(Locale.ROOT, "Polling efficiency: %d tasks (seed %d), durations 30s..4h log-uniform,"
                    + " 4 progress shapes, CloudSimulator over HTTP on 127.0.0.1 (CloudClients), limit %d req/s"
                    + " per project (429 without Retry-After), virtual latency %d ms%n%n", count, seed,
                    SimulatorSource.RATE_LIMIT, SimulatorSource.LATENCY.toMillis());
            results.addAll(runConcurrently(w, strategies, start));
        }
        System.out.println();
        print(results);
        if (results.size() > 1) {
            checkTargets(results);
        }
        System.out.printf(Locale.ROOT, "%nwall time %.1f s%n", (System.nanoTime() - wallStart) / 1e9);
    }

    /**
     * Runs each strategy in its own thread against its own simulator (each run has its own virtual
     * time, hence its own simulator clock); the runs share nothing else, so their figures are the
     * same as one after the other, and the HTTP round trips of different runs overlap.
     */
    static List<Result> runConcurrently(Workload w, List<Strategy> strategies, Instant start) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(strategies.size());
        try {
            List<java.util.concurrent.Future<Result>> futures = new ArrayList<>();
            for (Strategy s : strategies) {
                futures.add(pool.submit(() -> {
                    try (SimulatorSource http = new SimulatorSource()) {
                        Result r = timed(s, () -> run(w, s, http.factory(), start));
                        System.out.printf(Locale.ROOT, "  %-32s %6d simulator connections open at the end%n",
                                s.name(), http.openConnections());
                        return r;
                    }
                }));
            }
            List<Result> results = new ArrayList<>();
            for (java.util.concurrent.Future<Result> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a strategy run failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Result timed(Strategy s, java.util.function.Supplier<Result> run) {
        long t0 = System.nanoTime();
        Result r = run.get();
        System.out.printf(Locale.ROOT, "  %-32s %6.1f s wall%n", s.name(), (System.nanoTime() - t0) / 1e9);
        return r;
    }

    /**
     * Our policy for a tuning run: {@code initialDelay,firstInterval,growth,maxInterval} (e.g.
     * {@code 1s,2s,1.2,60s}); null means the defaults.
     */
    static AwaitPolicy oursFromProperty(String spec) {
        AwaitPolicy p = AwaitPolicy.ofDefaults();
        if (spec == null || spec.isBlank()) {
            return p;
        }
        String[] v = spec.split(",");
        return p.withInitialDelay(Durations.parse("initialDelay", v[0]))
                .withFirstInterval(Durations.parse("firstInterval", v[1]))
                .withMaxInterval(Durations.parse("maxInterval", v[3]))
                .withGrowth(Double.parseDouble(v[2]));
    }

    /** Runs the workload with one strategy and measures it. */
    public static Result run(Workload w, Strategy strategy, SourceFactory factory, Instant start) {
        VirtualScheduler time = new VirtualScheduler(start);
        CountingSource counting = factory.create(w, time);
        TaskStatusSource source = counting;
        CloudTaskAwaiter engine = strategy.engine(source, time, time.clock(), new Random(7));
        int n = w.tasks().size();
        AwaitOutcome[] outcomes = new AwaitOutcome[n];
        Instant[] endedAt = new Instant[n];
        int[] done = new int[1];
        for (int i = 0; i < n; i++) {
            int k = i;
            Workload.Task t = w.tasks().get(i);
            time.schedule(() -> {
                AwaitHandle h = engine.start(t.ref(), t.submittedAt(), strategy.policy(), ProgressListener.NONE);
                h.outcome().whenComplete((o, e) -> {
                    outcomes[k] = o;
                    endedAt[k] = time.now();
                    done[0]++;
                });
            }, Duration.between(start, t.submittedAt()).toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        time.runUntil(() -> done[0] == n, Duration.ofDays(2));
        engine.close();
        double[] polls = new double[n];
        double[] lag = new double[n];
        double[] lagPct = new double[n];
        int wrong = 0;
        for (int i = 0; i < n; i++) {
            Workload.Task t = w.tasks().get(i);
            polls[i] = counting.requests(t.ref());
            double seconds = Duration.between(t.endsAt(), endedAt[i]).toMillis() / 1000.0;
            lag[i] = seconds;
            lagPct[i] = 100.0 * seconds / (t.duration().toMillis() / 1000.0);
            AwaitOutcome.Kind expected = t.fails() ? AwaitOutcome.Kind.FAILED : AwaitOutcome.Kind.SUCCEEDED;
            if (outcomes[i] == null || outcomes[i].kind() != expected
                    || outcomes[i].lastStatus().state() != (t.fails() ? TaskState.FAILED : TaskState.SUCCEEDED)) {
                wrong++;
            }
        }
        if (Boolean.getBoolean("bench.shapes")) {
            for (Workload.Shape shape : Workload.Shape.values()) {
                List<Integer> idx = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (w.tasks().get(i).shape() == shape) {
                        idx.add(i);
                    }
                }
                double[] p = idx.stream().mapToDouble(i -> polls[i]).toArray();
                double[] l = idx.stream().mapToDouble(i -> lag[i]).toArray();
                double[] lp = idx.stream().mapToDouble(i -> lagPct[i]).toArray();
                System.out.printf(Locale.ROOT, "  %-28s %-7s polls %.1f  lag p50 %.1fs p95 %.1fs  lag%% p50 %.2f p95 %.2f%n",
                        strategy.name(), shape, Arrays.stream(p).average().orElse(0), pct(l, 50), pct(l, 95),
                        pct(lp, 50), pct(lp, 95));
            }
        }
        return new Result(strategy.name(), Arrays.stream(polls).average().orElse(0), pct(polls, 95),
                pct(lag, 50), pct(lag, 95), pct(lagPct, 50), pct(lagPct, 95), counting.throttled(), wrong);
    }

    static double pct(double[] values, double p) {
        double[] s = values.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil(p / 100.0 * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
    }

    static void print(List<Result> rs) {
        String head = "| strategy | polls/task mean | polls/task p95 | lag p50 s | lag p95 s | lag p50 % | lag p95 % | 429s | wrong |";
        System.out.println(head);
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Result r : rs) {
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.0f | %.1f | %.1f | %.2f | %.2f | %d | %d |%n",
                    r.strategy(), r.pollsMean(), r.pollsP95(), r.lagP50(), r.lagP95(), r.lagPctP50(),
                    r.lagPctP95(), r.throttled(), r.wrong());
        }
        System.out.println();
    }

    static void checkTargets(List<Result> rs) {
        Result ours = rs.get(0);
        Result fixed10 = rs.stream().filter(r -> r.strategy().startsWith("fixed 10s")).findFirst().orElseThrow();
        Result gax = rs.stream().filter(r -> r.strategy().contains("gax")).findFirst().orElseThrow();
        check("fewer polls per task than gax", ours.pollsMean() < gax.pollsMean(),
                ours.pollsMean(), gax.pollsMean());
        check("p95 lag (s) at most half of gax", ours.lagP95() <= gax.lagP95() / 2, ours.lagP95(), gax.lagP95() / 2);
        check("p95 lag (% of duration) at most half of gax", ours.lagPctP95() <= gax.lagPctP95() / 2,
                ours.lagPctP95(), gax.lagPctP95() / 2);
        check("at most a quarter of the polls of fixed 10s", ours.pollsMean() <= fixed10.pollsMean() / 4,
                ours.pollsMean(), fixed10.pollsMean() / 4);
        check("zero wrong outcomes", ours.wrong() == 0, ours.wrong(), 0);
    }

    private static void check(String what, boolean ok, double ours, double limit) {
        System.out.printf(Locale.ROOT, "%-4s %s: ours %.2f, limit %.2f%n", ok ? "MET" : "MISS", what, ours, limit);
    }

    /** The model source with counters. */
    static final class CountingModel implements CountingSource {
        private final ModelSource model;

        CountingModel(Workload w, VirtualScheduler time) {
            this.model = new ModelSource(w, time.clock(), time, Duration.ofMillis(50));
        }

        @Override
        public java.util.concurrent.CompletionStage<dev.cloudtask.TaskStatus> fetch(dev.cloudtask.TaskRef ref) {
            return model.fetch(ref);
        }

        @Override
        public long requests(dev.cloudtask.TaskRef ref) {
            return model.requests(ref);
        }

        @Override
        public long throttled() {
            return model.throttled();
        }
    }
}
