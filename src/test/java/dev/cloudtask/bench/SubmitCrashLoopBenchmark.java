package dev.cloudtask.bench;

import dev.cloudtask.batch.SubmitCrashRun;
import dev.cloudtask.batch.SubmitCrashRun.Moment;
import dev.cloudtask.testkit.AcceleratedClock;
import dev.cloudtask.testkit.CloudSimulator;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;

/**
 * The submit crash loop: a job JVM running submitCloudTask then awaitCloudTask is killed with
 * SIGKILL inside the submit step (before sending, with the request in flight, right after the
 * service accepted it, after the task was published), and a new JVM restarts the job from the same
 * Derby database. Moments cycle in that order; every fourth round of the four moments
 * restarts with {@code onUncertain=RESUBMIT}. The simulator's counters must never show a second submission unless
 * RESUBMIT was chosen, and every job must end COMPLETED or stop at SUBMISSION_UNCERTAIN. Prints one
 * table row per run, then MET/MISSED lines; the exit code is 1 when a line is MISSED.
 *
 * <p>Arguments (all optional): {@code runs} (32), {@code seed} (42), {@code factor} (600 simulated
 * seconds per real second).
 */
public final class SubmitCrashLoopBenchmark {
    private SubmitCrashLoopBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
        double factor = args.length > 2 ? Double.parseDouble(args[2]) : 600;
        Random random = new Random(seed);
        Instant origin = Instant.now();
        Path root = Path.of("target", "submit-crash-loop-" + origin.toEpochMilli());
        int kills = 0;
        int allowedEnds = 0;
        int secondWithoutResubmit = 0;
        int tooManyWithResubmit = 0;
        int errors = 0;
        long started = System.nanoTime();
        System.out.printf(Locale.ROOT, "submit crash loop: %d runs, seed %d, x%.0f accelerated clock%n", runs, seed, factor);
        System.out.println("| run | kill aimed at | kill landed | restart | submissions | restarted execution | real time |");
        System.out.println("|---|---|---|---|---|---|---|");
        Moment[] moments = Moment.values();
        try (CloudSimulator sim = CloudSimulator.builder().clock(AcceleratedClock.since(origin, factor)).start()) {
            for (int run = 1; run <= runs; run++) {
                Moment target = moments[(run - 1) % moments.length];
                boolean resubmit = (run - 1) / moments.length % 4 == 3;
                long t0 = System.nanoTime();
                SubmitCrashRun.Result r;
                try {
                    r = new SubmitCrashRun(sim, origin, factor, root.resolve("run-" + run)).run(target, resubmit, random);
                } catch (RuntimeException e) {
                    errors++;
                    System.out.printf(Locale.ROOT, "| %d | %s | - | - | - | ERROR %s | - |%n", run, target, e.getMessage());
                    continue;
                }
                kills++;
                allowedEnds += r.endedAsAllowed() ? 1 : 0;
                if (!resubmit && r.submissions() > 1) {
                    secondWithoutResubmit++;
                }
                if (resubmit && !r.submissionsAsAllowed()) {
                    tooManyWithResubmit++;
                }
                System.out.printf(Locale.ROOT, "| %d | %s | %s | %s | %d | %s | %.1f s |%n", run, target, r.observed(),
                        resubmit ? "RESUBMIT" : "default", r.submissions(), r.status(), (System.nanoTime() - t0) / 1e9);
            }
        }
        boolean enough = kills >= 30;
        System.out.printf(Locale.ROOT, "summary: %d kills in %d runs (%d errors), %.0f s%n", kills, runs, errors,
                (System.nanoTime() - started) / 1e9);
        line(enough && errors == 0, "at least 30 kills, every run measured: " + kills + " kills, " + errors + " errors");
        line(secondWithoutResubmit == 0, "no second submission without RESUBMIT: " + secondWithoutResubmit + " runs with one");
        line(tooManyWithResubmit == 0, "RESUBMIT runs complete with at most one more submission: " + tooManyWithResubmit
                + " runs off");
        line(allowedEnds == kills, "every job ends COMPLETED or stops at SUBMISSION_UNCERTAIN: " + allowedEnds + " of " + kills);
        boolean ok = enough && errors == 0 && secondWithoutResubmit == 0 && tooManyWithResubmit == 0 && allowedEnds == kills;
        System.exit(ok ? 0 : 1);
    }

    private static void line(boolean met, String text) {
        System.out.println((met ? "MET    " : "MISSED ") + text);
    }
}
