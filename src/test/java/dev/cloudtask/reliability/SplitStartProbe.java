package dev.cloudtask.reliability;

import dev.cloudtask.batch.SplitStartMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How often a job that opens with a split fails on jbatch 2.1.1 with a new embedded Derby
 * repository, in fresh JVMs, and whether one step before the split prevents it. Each run is a new
 * JVM on a new repository running the job once ({@code split-first}: three flows; {@code
 * step-then-split}: one step, then the same split). Prints the runs per job that did not complete,
 * how many of those left a Derby lock timeout in Derby's log, and one MET/MISSED line: no failure
 * with a step before the split.
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.cloudtask.reliability.SplitStartProbe [-Dexec.args="runs"]
 * </pre>
 * Default: 20 runs of each job.
 */
public final class SplitStartProbe {
    private SplitStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path work = Files.createTempDirectory("split-start-probe");
        System.out.printf(Locale.ROOT, "| job | runs | COMPLETED | did not complete | of those, with a Derby lock timeout (40XL1) in derby.log |%n|---|---:|---:|---:|---:|%n");
        int workaroundFailures = 0;
        for (String job : new String[] {"split-first", "step-then-split"}) {
            int completed = 0;
            int failed = 0;
            int lockTimeouts = 0;
            for (int i = 0; i < runs; i++) {
                SplitStartMain.Result r = SplitStartMain.runFresh(job, work);
                if (r.batchStatus().equals("COMPLETED")) {
                    completed++;
                } else {
                    failed++;
                    lockTimeouts += r.derbyLockTimeout() ? 1 : 0;
                }
            }
            if (job.equals("step-then-split")) {
                workaroundFailures = failed;
            }
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d |%n", job, runs, completed, failed, lockTimeouts);
        }
        System.out.printf(Locale.ROOT, "%n%-6s no failed run with one step before the split: %d of %d failed%n",
                workaroundFailures == 0 ? "MET" : "MISSED", workaroundFailures, runs);
        System.out.println("Derby's log and each JVM's stderr are under " + work);
        System.exit(workaroundFailures == 0 ? 0 : 1);
    }
}
