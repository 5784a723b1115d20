package dev.cloudtask.bench;

import dev.cloudtask.batch.CrashRun;
import dev.cloudtask.testkit.AcceleratedClock;
import dev.cloudtask.testkit.CloudSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The crash loop: the killed-JVM restart of the crash test, repeated at seeded random
 * moments of a wait. Each run submits one operation (a 2 h remote task in accelerated time), kills
 * the job JVM with SIGKILL once or twice at random moments of the task's running time, restarts
 * the job from the same Derby database in a new JVM each time, and lets the last JVM finish. Every
 * run must end COMPLETED with exactly one submission; the exit code is 1 otherwise.
 *
 * <p>Arguments (all optional): {@code runs} (20), {@code seed} (42), {@code factor} (600 simulated
 * seconds per real second). Prints one table row per run and a summary line.
 */
public final class CrashLoopBenchmark {
    private static final Duration TASK = Duration.ofHours(2);

    private CrashLoopBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
        double factor = args.length > 2 ? Double.parseDouble(args[2]) : 600;
        Random random = new Random(seed);
        Instant origin = Instant.now();
        Path root = Path.of("target", "crash-loop-" + origin.toEpochMilli());
        int completed = 0;
        int exactlyOnce = 0;
        long started = System.nanoTime();
        System.out.printf(Locale.ROOT, "crash loop: %d runs, seed %d, task %s remote time, x%.0f accelerated clock%n",
                runs, seed, TASK, factor);
        System.out.println("| run | kill moments (of the task's running time) | restarts | submissions | polls | final status | real time |");
        System.out.println("|---|---|---|---|---|---|---|");
        try (CloudSimulator sim = CloudSimulator.builder().clock(AcceleratedClock.since(origin, factor)).start()) {
            for (int run = 1; run <= runs; run++) {
                int kills = 1 + random.nextInt(2);
                List<Double> at = new ArrayList<>();
                for (int k = 0; k < kills; k++) {
                    at.add(0.05 + random.nextDouble() * 0.85);
                }
                at.sort(null);
                long t0 = System.nanoTime();
                CrashRun.Result r;
                try {
                    r = new CrashRun(sim, origin, factor, root.resolve("run-" + run)).run(TASK, at);
                } catch (RuntimeException e) {
                    System.out.printf(Locale.ROOT, "| %d | - | - | - | - | ERROR %s | - |%n", run, e.getMessage());
                    continue;
                }
                boolean ok = r.status().startsWith("COMPLETED");
                completed += ok ? 1 : 0;
                exactlyOnce += r.submissions() == 1 ? 1 : 0;
                System.out.printf(Locale.ROOT, "| %d | %s | %d | %d | %d | %s | %.1f s |%n", run, r.moments(),
                        r.restarts(), r.submissions(), r.polls(), r.status(), (System.nanoTime() - t0) / 1e9);
            }
        }
        System.out.printf(Locale.ROOT, "summary: %d runs, %d COMPLETED, %d with exactly one submission, %d wrong; %.0f s%n",
                runs, completed, exactlyOnce, runs - Math.min(completed, exactlyOnce),
                (System.nanoTime() - started) / 1e9);
        System.exit(completed == runs && exactlyOnce == runs ? 0 : 1);
    }
}
