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
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/**
 * Polling efficiency: seeded workloads of 1,000 tasks each, in virtual time, with our default
 * policy and with the strategies of the known waiters. Prints, per strategy, requests per task
 * (mean, p95), detection lag from the remote end to our outcome (p50, p95, max in seconds and in %
 * of the task's duration), the lag of early failures, 429s received, and wrong outcomes; then the
 * targets as MET/MISSED lines.
 *
 * <p>Three workloads: the classic one ({@link Workload#generate}, four shapes, failures at the
 * end), then the short (20 s..6 min) and the long (30 s..4 h) curve workloads
 * ({@link Workload#curves}, six progress curves, early failures). Each is served by the
 * {@link SimulatorSource} (the simulator over real HTTP) or with {@code --model} by the in-process
 * {@link ModelSource}. {@code --curves-only} skips the classic one. Run:
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.cloudtask.bench.PollingEfficiencyBenchmark [-Dexec.args="[--model] [--curves-only] [seed [tasks]]"]
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
     * The figures of one strategy on one workload. Lag is from the task's end to our outcome;
     * the lag columns cover the tasks that run to their expected end, the failure columns the tasks
     * that fail early.
     *
     * @param strategy the strategy's name
     * @param pollsMean requests per task, mean
     * @param pollsP95 requests per task, 95th percentile
     * @param lagP50 detection lag, median, seconds
     * @param lagP95 detection lag, 95th percentile, seconds
     * @param lagMax detection lag, largest, seconds
     * @param lagPctP50 detection lag as % of the task's duration, median
     * @param lagPctP95 detection lag as % of the task's duration, 95th percentile
     * @param failLagP95 detection lag of early failures, 95th percentile, seconds (NaN: none)
     * @param failLagMax detection lag of early failures, largest, seconds (NaN: none)
     * @param throttled 429 answers received
     * @param wrong outcomes that differ from the task's real end
     * @param shapes the same figures per progress shape
     */
    public record Result(String strategy, double pollsMean, double pollsP95, double lagP50, double lagP95,
            double lagMax, double lagPctP50, double lagPctP95, double failLagP95, double failLagMax,
            long throttled, int wrong, Map<Workload.Shape, ShapeResult> shapes) {
    }

    /** The figures of one strategy for the tasks of one progress shape (lag: tasks that run to their end). */
    public record ShapeResult(double pollsMean, double lagP50, double lagP95, double lagMax, double failLagMax) {
    }

    /** Targets missed so far in this run. */
    private static int missed;

    private PollingEfficiencyBenchmark() {
    }

    public static void main(String[] args) {
        boolean model = Arrays.asList(args).contains("--model");
        boolean curvesOnly = Arrays.asList(args).contains("--curves-only");
        String[] rest = Arrays.stream(args).filter(a -> !a.startsWith("--")).toArray(String[]::new);
        long seed = rest.length > 0 ? Long.parseLong(rest[0]) : 20261123L;
        int count = rest.length > 1 ? Integer.parseInt(rest[1]) : 1000;
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        AwaitPolicy ours = oursFromProperty(System.getProperty("bench.ours"));
        List<Strategy> strategies = Strategy.all(ours);
        if (Boolean.getBoolean("bench.oursOnly")) {
            strategies = strategies.subList(0, 1);
        }
        long wallStart = System.nanoTime();
        if (!curvesOnly) {
            classic(model, seed, count, start, strategies);
        }
        curves(model, "Short workload", Workload.curves(seed, count, start, Duration.ofSeconds(20),
                Duration.ofMinutes(6)), "20s..6m", true, strategies, start);
        curves(model, "Long workload", Workload.curves(seed + 1, count, start, Duration.ofSeconds(30),
                Duration.ofHours(4)), "30s..4h", false, strategies, start);
        System.out.printf(Locale.ROOT, "%nwall time %.1f s%n", (System.nanoTime() - wallStart) / 1e9);
        if (missed > 0) {
            System.out.printf(Locale.ROOT, "%d target(s) MISSED%n", missed);
            System.exit(1);
        }
    }

    /** The classic workload (four shapes, failures at the end), over HTTP or with the model. */
    private static void classic(boolean model, long seed, int count, Instant start, List<Strategy> strategies) {
        Workload w = Workload.generate(seed, count, start);
        List<Result> results = new ArrayList<>();
        if (model) {
            System.out.printf(Locale.ROOT, "Classic workload: %d tasks (seed %d), durations 30s..4h log-uniform,"
                    + " 4 progress shapes, server limit %d req/s per service+project (429, Retry-After 1s),"
                    + " in-process task model, 50 ms latency%n%n", count, seed, ModelSource.SERVER_LIMIT);
            for (Strategy s : strategies) {
                results.add(timed(s, () -> run(w, s, (wl, time) -> new CountingModel(wl, time), start)));
            }
        } else {
            System.out.printf(Locale.ROOT, "Classic workload: %d tasks (seed %d), durations 30s..4h log-uniform,"
                    + " 4 progress shapes, CloudSimulator over HTTP on 127.0.0.1 (CloudClients), limit %d req/s"
                    + " per project (429 without Retry-After), virtual latency %d ms%n%n", count, seed,
                    SimulatorSource.RATE_LIMIT, SimulatorSource.LATENCY.toMillis());
            results.addAll(runConcurrently(w, strategies, start));
        }
        System.out.println();
        print(results);
        if (results.size() > 1) {
            Result ours = results.get(0);
            Result fixed10 = find(results, "fixed 10s");
            Result gax = find(results, "gax");
            check("fewer polls per task than gax", ours.pollsMean() < gax.pollsMean(),
                    ours.pollsMean(), gax.pollsMean());
            check("p95 lag (s) at most half of gax", ours.lagP95() <= gax.lagP95() / 2, ours.lagP95(),
                    gax.lagP95() / 2);
            check("p95 lag (% of duration) at most half of gax", ours.lagPctP95() <= gax.lagPctP95() / 2,
                    ours.lagPctP95(), gax.lagPctP95() / 2);
            check("at most a quarter of the polls of fixed 10s", ours.pollsMean() <= fixed10.pollsMean() / 4,
                    ours.pollsMean(), fixed10.pollsMean() / 4);
            check("zero wrong outcomes", ours.wrong() == 0, ours.wrong(), 0);
        }
        System.out.println();
    }

    /** A curve workload (six curves, early failures), over HTTP or with the model. */
    private static void curves(boolean model, String title, Workload w, String durations, boolean isShort,
            List<Strategy> strategies, Instant start) {
        long early = w.tasks().stream().filter(Workload.Task::failsEarly).count();
        System.out.printf(Locale.ROOT, "%s: %d tasks, durations %s log-uniform, curves %s in equal shares,"
                + " %d failing early (5..95%% of their duration), %s%n%n", title, w.tasks().size(), durations,
                Workload.Shape.CURVES.stream().map(Enum::name).toList(), early, model
                        ? String.format(Locale.ROOT, "in-process task model, server limit %d req/s per service+project,"
                                + " 50 ms latency", ModelSource.SERVER_LIMIT)
                        : String.format(Locale.ROOT, "CloudSimulator over HTTP on 127.0.0.1 (CloudClients), limit %d"
                                + " req/s per project (429 without Retry-After), virtual latency %d ms",
                                SimulatorSource.RATE_LIMIT, SimulatorSource.LATENCY.toMillis()));
        List<Result> results = new ArrayList<>();
        if (model) {
            for (Strategy s : strategies) {
                results.add(timed(s, () -> run(w, s, (wl, time) -> new CountingModel(wl, time), start)));
            }
        } else {
            results.addAll(runConcurrently(w, strategies, start));
        }
        System.out.println();
        List<Result> table = new ArrayList<>(results);
        table.add(1, oracle(w));
        print(table);
        printShapes(results);
        if (results.size() == 1) {
            return;
        }
        Result ours = results.get(0);
        Result fixed10 = find(results, "fixed 10s");
        Result gax = find(results, "gax");
        check("fewer polls per task than fixed 10s", ours.pollsMean() < fixed10.pollsMean(),
                ours.pollsMean(), fixed10.pollsMean());
        if (isShort) {
            check("p50 lag (s) at most half of fixed 10s", ours.lagP50() <= fixed10.lagP50() / 2,
                    ours.lagP50(), fixed10.lagP50() / 2);
            check("p95 lag (s) at most 1.5 times fixed 10s", ours.lagP95() <= fixed10.lagP95() * 1.5,
                    ours.lagP95(), fixed10.lagP95() * 1.5);
        } else {
            check("at most half of the polls of gax", ours.pollsMean() <= gax.pollsMean() / 2,
                    ours.pollsMean(), gax.pollsMean() / 2);
            check("p95 lag (s) at most half of gax", ours.lagP95() <= gax.lagP95() / 2, ours.lagP95(),
                    gax.lagP95() / 2);
        }
        double worst = ours.shapes().values().stream().mapToDouble(ShapeResult::lagMax).max().orElse(0);
        check("no task of any curve seen more than 120 s late (max lag, s)", worst <= 120, worst, 120);
        check("early failures seen within 120 s at p95 (s)", !(ours.failLagP95() > 120), ours.failLagP95(), 120);
        check("zero wrong outcomes", ours.wrong() == 0, ours.wrong(), 0);
        System.out.println();
    }

    /** The row of a poller that knows each task's end: one poll, answered after the 50 ms latency. */
    private static Result oracle(Workload w) {
        double lag = 0.05;
        Map<Workload.Shape, ShapeResult> shapes = new EnumMap<>(Workload.Shape.class);
        return new Result("oracle (1 poll at the end)", 1, 1, lag, lag, lag, 0, 0, lag, lag, 0, 0, shapes);
    }

    private static Result find(List<Result> rs, String name) {
        return rs.stream().filter(r -> r.strategy().contains(name)).findFirst().orElseThrow();
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
        if (v.length != 4) {
            throw new IllegalArgumentException("bench.ours '" + spec
                    + "' must be initialDelay,firstInterval,growth,maxInterval");
        }
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
        java.util.function.IntPredicate toEnd = i -> !w.tasks().get(i).failsEarly();
        java.util.function.IntPredicate early = i -> w.tasks().get(i).failsEarly();
        Map<Workload.Shape, ShapeResult> shapes = new EnumMap<>(Workload.Shape.class);
        for (Workload.Shape shape : Workload.Shape.values()) {
            java.util.function.IntPredicate mine = i -> w.tasks().get(i).shape() == shape;
            double[] p = pick(polls, n, mine);
            if (p.length == 0) {
                continue;
            }
            double[] l = pick(lag, n, mine.and(toEnd));
            double[] fl = pick(lag, n, mine.and(early));
            shapes.put(shape, new ShapeResult(mean(p), pct(l, 50), pct(l, 95), pct(l, 100), pct(fl, 100)));
        }
        double[] l = pick(lag, n, toEnd);
        double[] lp = pick(lagPct, n, toEnd);
        double[] fl = pick(lag, n, early);
        return new Result(strategy.name(), mean(polls), pct(polls, 95), pct(l, 50), pct(l, 95), pct(l, 100),
                pct(lp, 50), pct(lp, 95), pct(fl, 95), pct(fl, 100), counting.throttled(), wrong, shapes);
    }

    private static double[] pick(double[] values, int n, java.util.function.IntPredicate which) {
        return java.util.stream.IntStream.range(0, n).filter(which).mapToDouble(i -> values[i]).toArray();
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    /** The {@code p}-th percentile (nearest rank); NaN for no values. */
    static double pct(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil(p / 100.0 * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
    }

    static void print(List<Result> rs) {
        System.out.println("| strategy | polls/task mean | polls/task p95 | lag p50 s | lag p95 s | lag max s"
                + " | lag p50 % | lag p95 % | early failures lag p95 / max s | 429s | wrong |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Result r : rs) {
            String fail = Double.isNaN(r.failLagP95()) ? "-"
                    : String.format(Locale.ROOT, "%.1f / %.1f", r.failLagP95(), r.failLagMax());
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.0f | %.1f | %.1f | %.1f | %.2f | %.2f | %s | %d | %d |%n",
                    r.strategy(), r.pollsMean(), r.pollsP95(), r.lagP50(), r.lagP95(), r.lagMax(), r.lagPctP50(),
                    r.lagPctP95(), fail, r.throttled(), r.wrong());
        }
        System.out.println();
    }

    /** Per curve: ours, fixed 10s and gax side by side (polls, lag p50 / p95 / max of the tasks that run to their end). */
    static void printShapes(List<Result> rs) {
        List<Result> shown = rs.stream().filter(r -> r == rs.get(0) || r.strategy().contains("fixed 10s")
                || r.strategy().contains("gax")).toList();
        StringBuilder head = new StringBuilder("| curve |");
        StringBuilder line = new StringBuilder("|---|");
        for (Result r : shown) {
            String name = r.strategy().contains("gax") ? "gax" : r.strategy().replace(" (default policy)", "");
            head.append(' ').append(name).append(" polls | ").append(name).append(" lag p50 / p95 / max s |");
            line.append("---:|---:|");
        }
        System.out.println(head);
        System.out.println(line);
        for (Workload.Shape shape : rs.get(0).shapes().keySet()) {
            StringBuilder row = new StringBuilder("| " + shape.name().toLowerCase(Locale.ROOT) + " |");
            for (Result r : shown) {
                ShapeResult s = r.shapes().get(shape);
                row.append(String.format(Locale.ROOT, " %.1f | %.1f / %.1f / %.1f |", s.pollsMean(), s.lagP50(),
                        s.lagP95(), s.lagMax()));
            }
            System.out.println(row);
        }
        System.out.println();
    }

    private static void check(String what, boolean ok, double ours, double limit) {
        if (!ok) {
            missed++;
        }
        System.out.printf(Locale.ROOT, "%-6s %s: ours %.2f, limit %.2f%n", ok ? "MET" : "MISSED", what, ours, limit);
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
