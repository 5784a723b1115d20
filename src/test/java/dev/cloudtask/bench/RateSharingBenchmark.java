package dev.cloudtask.bench;

import dev.cloudtask.AwaitOutcome;
import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import dev.cloudtask.client.CloudClients;
import dev.cloudtask.CloudTaskAwaiter;
import dev.cloudtask.testkit.CloudSimulator;
import dev.cloudtask.testkit.Endpoint;
import dev.cloudtask.testkit.JournalEntry;
import dev.cloudtask.testkit.Timeline;
import dev.cloudtask.testkit.VirtualScheduler;
import dev.cloudtask.TaskStatusSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Rate limits shared without coordination: 1, 2, 4 and 8 engines (the members of a cluster, each
 * configured with the project's whole limit R) wait for the same workload of DWS tasks in the cloud
 * simulator, whose per-project token bucket (R requests/s, burst 5) answers 429 with Retry-After
 * above it. The demand (about 3 R tasks running at once, each polled every 2 s) is about 1.5 R,
 * so the engines must share R between them; each one only sees its own 429s.
 *
 * <p>Each run: the same arrivals (seeded), the tasks split round-robin over the engines, each engine
 * with its own HTTP clients and rate limiter, over real HTTP to the simulator, in virtual time
 * (simulator and engines share one {@link VirtualScheduler}; each call takes 50 ms of it), so the
 * figures do not depend on the machine's speed or load. Per run it prints the 429s as a share of all status requests, the achieved rate
 * of answered status requests against R while the demand is above R, Jain's fairness index over the
 * engines' answered requests, and the p95 detection lag (from a task's end to its wait's outcome).
 * Targets (MET/MISSED, exit status 1 when one is missed): 429s at most 2 %, at least 80 % of R,
 * fairness at least 0.9, and the p95 lag with 8 engines at most 1.5 times that of 1 engine.
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.cloudtask.bench.RateSharingBenchmark [-Dexec.args="R minutes seed"]
 * </pre>
 * Defaults: R = 10 requests/s, 30 simulated minutes per run (arrivals over the first 20), seed 7.
 */
public final class RateSharingBenchmark {
    private static final int BURST = 5;
    private static final Duration POLL_EVERY = Duration.ofSeconds(2);
    private static final int[] ENGINES = {1, 2, 4, 8};
    /** The virtual duration of one HTTP call. */
    private static final Duration LATENCY = Duration.ofMillis(50);
    /** Threads completing the clients' asynchronous calls. */
    private static final int CLIENT_THREADS = 8;

    private RateSharingBenchmark() {
    }

    /** One task of the workload: when it is submitted and how long it runs (simulated time). */
    private record Arrival(Duration at, Duration runs) {
    }

    /** The figures of one run. */
    private record Run(int engines, long requests, long throttled, double achievedPerSecond, double jain,
            double p95LagSeconds, long[] answeredPerEngine, int waits, int succeeded) {
    }

    public static void main(String[] args) throws Exception {
        double limit = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 7;
        Logger.getLogger("").setLevel(Level.SEVERE);

        // arrivals over the first two thirds of the run, 2-5 minutes each: about 3 R tasks run at once,
        // which want 1.5 R status requests a second, half as much again as the limit
        Duration arrivalsEnd = Duration.ofMinutes(minutes * 2L / 3);
        Random random = new Random(seed);
        List<Arrival> workload = new ArrayList<>();
        double perSecond = 3 * limit / 210; // 3 R running tasks of 3.5 minutes on average
        for (double t = 0; t < arrivalsEnd.toSeconds(); t += -Math.log(1 - random.nextDouble()) / perSecond) {
            workload.add(new Arrival(Duration.ofMillis((long) (t * 1000)), Duration.ofSeconds(120 + random.nextInt(181))));
        }
        System.out.printf(Locale.ROOT, "limit R = %.1f requests/s (burst %d) per project; %d tasks arriving over %d min, "
                + "each polled every %d s while it runs; virtual time, HTTP calls of %d ms; seed %d%n", limit, BURST,
                workload.size(), arrivalsEnd.toMinutes(), POLL_EVERY.toSeconds(), LATENCY.toMillis(), seed);

        List<Run> runs = new ArrayList<>();
        for (int n : ENGINES) {
            runs.add(run(n, limit, Duration.ofMinutes(minutes), arrivalsEnd, workload));
        }

        System.out.println();
        System.out.println("| engines | status requests | 429s | 429s % | achieved / R | Jain's fairness | p95 detection lag | answered per engine |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Run r : runs) {
            System.out.printf(Locale.ROOT, "| %d | %d | %d | %.2f %% | %.1f / %.1f = %.0f %% | %.3f | %.1f s | %s |%n",
                    r.engines(), r.requests(), r.throttled(), 100.0 * r.throttled() / r.requests(),
                    r.achievedPerSecond(), limit, 100 * r.achievedPerSecond() / limit, r.jain(), r.p95LagSeconds(),
                    Arrays.toString(r.answeredPerEngine()));
        }
        System.out.println();
        boolean all = true;
        for (Run r : runs) {
            all &= target(r.succeeded() == r.waits(), "engines=" + r.engines() + ": every wait ended SUCCEEDED ("
                    + r.succeeded() + " of " + r.waits() + ")");
            all &= target(r.throttled() <= 0.02 * r.requests(), String.format(Locale.ROOT,
                    "engines=%d: 429s %.2f %% <= 2 %%", r.engines(), 100.0 * r.throttled() / r.requests()));
            all &= target(r.achievedPerSecond() >= 0.8 * limit, String.format(Locale.ROOT,
                    "engines=%d: achieved %.1f/s >= 80 %% of R (%.1f/s)", r.engines(), r.achievedPerSecond(), 0.8 * limit));
            all &= target(r.jain() >= 0.9, String.format(Locale.ROOT, "engines=%d: Jain's fairness %.3f >= 0.9",
                    r.engines(), r.jain()));
        }
        Run one = runs.get(0);
        Run eight = runs.get(runs.size() - 1);
        all &= target(eight.p95LagSeconds() <= 1.5 * one.p95LagSeconds(), String.format(Locale.ROOT,
                "p95 lag with %d engines %.1f s <= 1.5 x that of 1 engine (%.1f s)", eight.engines(),
                eight.p95LagSeconds(), 1.5 * one.p95LagSeconds()));
        System.exit(all ? 0 : 1);
    }

    private static boolean target(boolean met, String what) {
        System.out.println((met ? "MET    " : "MISSED ") + what);
        return met;
    }

    private static Run run(int n, double limit, Duration length, Duration arrivalsEnd, List<Arrival> workload)
            throws Exception {
        VirtualScheduler time = new VirtualScheduler(Instant.parse("2026-01-05T08:00:00Z"));
        AwaitPolicy policy = AwaitPolicy.ofDefaults().withInitialDelay(POLL_EVERY).withFirstInterval(POLL_EVERY)
                .withGrowth(1.0).withMaxInterval(POLL_EVERY).withTimeout(length.multipliedBy(2));
        ExecutorService http = Executors.newFixedThreadPool(CLIENT_THREADS, r -> {
            Thread t = new Thread(r, "rate-sharing-http");
            t.setDaemon(true);
            return t;
        });
        try (CloudSimulator sim = CloudSimulator.builder().clock(time.clock()).rateLimit(limit, BURST).start()) {
            List<CloudTaskAwaiter> engines = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                // each engine its own HTTP clients, as each member of a cluster has
                CloudClients.Builder b = CloudClients.builder().executor(http);
                for (CloudService s : CloudService.values()) {
                    b.endpoint(s, sim.baseUri());
                }
                TaskStatusSource rest = b.build().taskStatusSource();
                TaskStatusSource tracked = ref -> time.track(rest.fetch(ref), LATENCY);
                engines.add(CloudTaskAwaiter.builder(tracked).scheduler(time).clock(time.clock())
                        .rateLimit(limit, BURST).random(new Random(i)).build());
            }
            Instant origin = time.now();
            Map<String, Integer> engineOf = new java.util.concurrent.ConcurrentHashMap<>();
            Map<String, Instant> endOf = new java.util.concurrent.ConcurrentHashMap<>();
            Map<String, Instant> detectedAt = new java.util.concurrent.ConcurrentHashMap<>();
            Map<String, AwaitOutcome.Kind> kinds = new java.util.concurrent.ConcurrentHashMap<>();
            for (int i = 0; i < workload.size(); i++) {
                Arrival a = workload.get(i);
                int engine = i % n;
                time.schedule(() -> {
                    TaskRef ref = sim.createTask(CloudService.DWS, Timeline.builder().duration(a.runs()).build());
                    engineOf.put(ref.taskId(), engine);
                    endOf.put(ref.taskId(), sim.task(CloudService.DWS, ref.taskId()).orElseThrow().endsAt());
                    engines.get(engine).start(ref, time.now(), policy, e -> { }).outcome().whenComplete((o, f) -> {
                        detectedAt.put(ref.taskId(), time.now());
                        kinds.put(ref.taskId(), o.kind());
                    });
                }, a.at().toNanos(), TimeUnit.NANOSECONDS);
            }
            if (!time.runUntil(() -> detectedAt.size() == workload.size(), length.multipliedBy(3))) {
                throw new IllegalStateException(detectedAt.size() + " of " + workload.size() + " waits ended");
            }
            int succeeded = (int) kinds.values().stream().filter(k -> k == AwaitOutcome.Kind.SUCCEEDED).count();

            List<JournalEntry> polls = sim.journal().entries(e -> e.endpoint() == Endpoint.POLL && e.taskId() != null);
            long throttled = polls.stream().filter(e -> e.status() == 429).count();
            long[] answered = new long[n];
            Instant from = origin.plusSeconds(60);
            Instant to = origin.plus(arrivalsEnd);
            long answeredInWindow = 0;
            for (JournalEntry e : polls) {
                if (e.status() == 200) {
                    answered[engineOf.get(e.taskId())]++;
                    if (!e.time().isBefore(from) && e.time().isBefore(to)) {
                        answeredInWindow++;
                    }
                }
            }
            double achieved = answeredInWindow / (double) Duration.between(from, to).toSeconds();
            double sum = 0;
            double squares = 0;
            for (long x : answered) {
                sum += x;
                squares += (double) x * x;
            }
            double jain = sum * sum / (n * squares);
            double[] lags = endOf.entrySet().stream()
                    .mapToDouble(e -> Math.max(0, Duration.between(e.getValue(), detectedAt.get(e.getKey())).toMillis() / 1000.0))
                    .sorted().toArray();
            double p95 = lags[(int) Math.ceil(0.95 * lags.length) - 1];
            for (CloudTaskAwaiter engine : engines) {
                engine.close();
            }
            Run r = new Run(n, polls.size(), throttled, achieved, jain, p95, answered, workload.size(), succeeded);
            System.out.printf(Locale.ROOT, "engines=%d: %d status requests, %d 429s, achieved %.1f/s, Jain %.3f, p95 lag %.1f s%n",
                    n, r.requests(), r.throttled(), r.achievedPerSecond(), r.jain(), r.p95LagSeconds());
            return r;
        } finally {
            http.shutdownNow();
        }
    }

}
