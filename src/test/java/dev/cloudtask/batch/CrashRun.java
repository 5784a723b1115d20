package dev.cloudtask.batch;

import dev.cloudtask.testkit.CloudSimulator;
import dev.cloudtask.testkit.Endpoint;
import dev.cloudtask.testkit.JournalEntry;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * One killed-JVM restart scenario, shared by {@link CrashRestartTest} and the crash-loop benchmark.
 * The simulator lives in the calling JVM (it outlives the job JVMs) on an accelerated clock; a job
 * JVM ({@link CrashJobMain}) submits one operation and waits for it, and is killed with SIGKILL
 * ({@link Process#destroyForcibly()}) at each given moment of the wait; a new JVM then restarts the
 * job from the same Derby database. The last restarted JVM runs the job to its end.
 *
 * @param sim the simulator (its clock: {@code AcceleratedClock.since(origin, factor)})
 * @param origin the accelerated clock's anchor, passed to the job JVMs
 * @param factor simulated seconds per real second
 * @param workDir where the Derby database and the JVM logs go
 */
public record CrashRun(CloudSimulator sim, Instant origin, double factor, Path workDir) {
    /** Real-time bound of each step of a run (a JVM starting, a job ending). */
    public static final Duration REAL_TIMEOUT = Duration.ofSeconds(120);

    /**
     * What happened.
     *
     * @param killMoments where in the remote task's running time each kill happened (0.0 = submitted, 1.0 = done)
     * @param restarts how many JVMs restarted the job
     * @param submissions operations the simulator received
     * @param polls status requests for the task
     * @param status the final batch status and the await step's exit status
     */
    public record Result(List<Double> killMoments, int restarts, long submissions, long polls, String status) {
        /** Kill moments as percentages, e.g. {@code 23%,71%}. */
        public String moments() {
            return killMoments.stream().map(m -> String.format(Locale.ROOT, "%.0f%%", m * 100))
                    .collect(Collectors.joining(","));
        }
    }

    /**
     * Runs the scenario: one job JVM per entry of {@code killAt} (each killed when the task has run
     * that fraction of {@code taskDuration}, or right after its first poll if that moment has passed),
     * then one JVM that restarts the job and runs it to the end.
     */
    public Result run(Duration taskDuration, List<Double> killAt) throws IOException, InterruptedException {
        sim.reset();
        Files.createDirectories(workDir);
        Path db = workDir.resolve("db");
        Clock clock = sim.clock();
        List<Double> moments = new ArrayList<>();
        Process job = launch("start", db, taskDuration, workDir.resolve("jvm-0.log"));
        String taskId;
        try {
            await("a submission", job, () -> !submissions().isEmpty());
            JournalEntry submission = submissions().get(0);
            taskId = submission.taskId();
            Instant runningFrom = submission.time().plus(Duration.ofSeconds(5)); // DWS default queue time
            for (int i = 0; i < killAt.size(); i++) {
                long pollsBefore = sim.journal().counters(taskId).polls();
                String id = taskId;
                await("a poll by JVM " + i, job, () -> sim.journal().counters(id).polls() > pollsBefore);
                Instant target = runningFrom.plus(fraction(taskDuration, killAt.get(i)));
                await("the kill moment", job, () -> !clock.instant().isBefore(target));
                job.destroyForcibly();
                if (!job.waitFor(REAL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IllegalStateException("killed JVM did not end");
                }
                moments.add((double) Duration.between(runningFrom, clock.instant()).toMillis() / taskDuration.toMillis());
                job = launch("restart", db, taskDuration, workDir.resolve("jvm-" + (i + 1) + ".log"));
            }
            if (!job.waitFor(REAL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the restarted job did not end within " + REAL_TIMEOUT + "; see "
                        + workDir);
            }
        } finally {
            job.destroyForcibly();
        }
        String status = Files.readAllLines(workDir.resolve("jvm-" + killAt.size() + ".log"), StandardCharsets.UTF_8)
                .stream().filter(l -> l.startsWith("RESULT ")).map(l -> l.substring(7)).findFirst()
                .orElse("NO RESULT (see " + workDir + ")");
        return new Result(moments, killAt.size(), sim.journal().totalSubmissions(),
                sim.journal().counters(taskId).polls(), status);
    }

    private static Duration fraction(Duration d, double f) {
        return Duration.ofMillis((long) (d.toMillis() * f));
    }

    private List<JournalEntry> submissions() {
        return sim.journal().entries(e -> e.endpoint() == Endpoint.SUBMIT && e.taskId() != null);
    }

    private Process launch(String mode, Path db, Duration taskDuration, Path log) throws IOException {
        List<String> args = mode.equals("start") ? List.of(taskDuration.toMinutes() + "m") : List.of();
        return jobJvm(CrashJobMain.class, mode, db, args, sim.baseUrl(), factor, origin, workDir, log);
    }

    /**
     * Starts a job JVM: {@code main} with {@code mode}, the repository {@code db} and {@code args},
     * reading the simulator at {@code simUrl} on the accelerated clock of {@code factor} and
     * {@code origin}; Derby's log goes to {@code workDir}, the JVM's output to {@code log}.
     */
    static Process jobJvm(Class<?> main, String mode, Path db, List<String> args, String simUrl, double factor,
            Object origin, Path workDir, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classpath(),
                "-D" + CrashJobMain.URL_PROPERTY + "=" + simUrl,
                "-D" + CrashJobMain.FACTOR_PROPERTY + "=" + factor,
                "-D" + CrashJobMain.ORIGIN_PROPERTY + "=" + origin,
                "-Dderby.stream.error.file=" + workDir.resolve("derby.log"),
                main.getName(), mode, db.toAbsolutePath().toString()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits in real time, up to {@link #REAL_TIMEOUT}, until {@code condition} holds while the job JVM lives. */
    static void await(String what, Process process, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + REAL_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("job JVM ended (exit " + process.exitValue() + ") before " + what);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + REAL_TIMEOUT + " waiting for " + what);
            }
            Thread.sleep(2);
        }
    }

    /**
     * The test class path: the class loader's URLs when it has them (exec:java), otherwise
     * {@code java.class.path} (surefire, a plain {@code java -cp}).
     */
    static String classpath() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        if (cl instanceof URLClassLoader u && u.getURLs().length > 0) {
            List<String> parts = new ArrayList<>();
            for (URL url : u.getURLs()) {
                try {
                    parts.add(Path.of(url.toURI()).toString());
                } catch (URISyntaxException | IllegalArgumentException e) {
                    parts.add(url.getPath());
                }
            }
            return String.join(File.pathSeparator, parts);
        }
        return System.getProperty("java.class.path");
    }
}
