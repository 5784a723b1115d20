package dev.cloudtask.batch;

import dev.cloudtask.testkit.CloudSimulator;
import dev.cloudtask.testkit.Endpoint;
import dev.cloudtask.testkit.InjectedFault;
import dev.cloudtask.testkit.JournalEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One killed-JVM scenario of the submit step, for the submit crash loop. The simulator lives in the
 * calling JVM on an accelerated clock; a job JVM ({@link SubmitCrashJobMain}) runs
 * {@code submit-cloud-task} (a DWS CN addition, then the wait for it) and is killed with SIGKILL at
 * one {@link Moment}; a new JVM restarts the job from the same Derby database and runs it to its end.
 *
 * @param sim the simulator (its clock: {@code AcceleratedClock.since(origin, factor)})
 * @param origin the accelerated clock's anchor, passed to the job JVMs
 * @param factor simulated seconds per real second
 * @param workDir where the Derby database and the JVM logs go
 */
public record SubmitCrashRun(CloudSimulator sim, Instant origin, double factor, Path workDir) {
    /** Real-time bound of each step of a run (a JVM starting, a job ending). */
    public static final Duration REAL_TIMEOUT = Duration.ofSeconds(120);

    /** Where in the submit step the JVM is killed. */
    public enum Moment {
        /** Shortly after the job started, usually before the operation request left. */
        BEFORE_SENDING,
        /** While the operation request is in flight: the service processed it and holds back its answer. */
        IN_FLIGHT,
        /** Right after the service answered, before or while the step publishes the task. */
        AFTER_ACCEPTANCE,
        /** After the task was published: the wait has polled it. */
        AFTER_PUBLISHING
    }

    /**
     * What happened.
     *
     * @param target the moment aimed at
     * @param observed where the kill landed, as the simulator saw it (no request yet, request held,
     *     answered, polled)
     * @param resubmit whether the restart ran with {@code onUncertain=RESUBMIT}
     * @param submissions operations that started a task in the simulator
     * @param status the restarted execution's batch status and its steps' exit statuses
     */
    public record Result(Moment target, String observed, boolean resubmit, long submissions, String status) {
        /** The job completed, or stopped at SUBMISSION_UNCERTAIN without sending. */
        public boolean endedAsAllowed() {
            return status.startsWith("COMPLETED ") || status.startsWith("FAILED submit=SUBMISSION_UNCERTAIN");
        }

        /** At most one submission, or exactly one more after a restart with RESUBMIT. */
        public boolean submissionsAsAllowed() {
            return resubmit ? submissions <= 2 && (status.startsWith("COMPLETED ")) : submissions <= 1;
        }
    }

    /** The job parameters: a DWS CN addition declared as a user writes it. */
    static List<String> parameters(boolean resubmit) {
        List<String> p = new ArrayList<>(List.of("service=dws", "path=/v1.0/{projectId}/clusters/{clusterId}/cns/batch-create",
                "projectId=" + CloudSimulator.DEFAULT_PROJECT_ID, "clusterId=4d1ecb2c-229a-11e8-9c75-0255ac100ceb",
                "body={\"num\":1}"));
        if (resubmit) {
            p.add("onUncertain=RESUBMIT");
        }
        return p;
    }

    /** Runs the scenario once. */
    public Result run(Moment target, boolean resubmit, Random random) throws IOException, InterruptedException {
        sim.reset();
        Files.createDirectories(workDir);
        Path db = workDir.resolve("db");
        if (target == Moment.IN_FLIGHT) {
            sim.faults().forEndpoint(Endpoint.SUBMIT).next(1, InjectedFault.slowAnswer(Duration.ofSeconds(20)));
        }
        Path firstLog = workDir.resolve("jvm-0.log");
        Process job = launch("start", db, parameters(false), firstLog);
        String observed;
        try {
            switch (target) {
                case BEFORE_SENDING -> {
                    CrashRun.await("the job to start", job, () -> logContains(firstLog, "EXECUTION "));
                    Thread.sleep(random.nextInt(120));
                }
                case IN_FLIGHT -> CrashRun.await("the operation request", job, () -> !submits().isEmpty());
                case AFTER_ACCEPTANCE -> {
                    CrashRun.await("the operation request", job, () -> !submits().isEmpty());
                    Thread.sleep(random.nextInt(15));
                }
                case AFTER_PUBLISHING -> CrashRun.await("a poll of the published task", job,
                        () -> sim.journal().totalPolls() > 0);
            }
            job.destroyForcibly();
            if (!job.waitFor(REAL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("killed JVM did not end");
            }
            observed = observed(target);
            Path log = workDir.resolve("jvm-1.log");
            List<String> restart = parameters(resubmit);
            job = launch("restart", db, restart, log);
            if (!job.waitFor(REAL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the restarted job did not end within " + REAL_TIMEOUT + "; see " + workDir);
            }
        } finally {
            job.destroyForcibly();
        }
        String status = Files.readAllLines(workDir.resolve("jvm-1.log"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("RESULT ")).map(l -> l.substring(7)).findFirst()
                .orElse("NO RESULT (see " + workDir + ")");
        return new Result(target, observed, resubmit, sim.journal().totalSubmissions(), status);
    }

    private String observed(Moment target) {
        List<JournalEntry> submits = submits();
        if (submits.isEmpty()) {
            return "before sending";
        }
        if (sim.journal().totalPolls() > 0) {
            return "after publishing";
        }
        return target == Moment.IN_FLIGHT ? "in flight" : "after acceptance";
    }

    private List<JournalEntry> submits() {
        return sim.journal().entries(e -> e.endpoint() == Endpoint.SUBMIT);
    }

    private static boolean logContains(Path log, String text) {
        try {
            return Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private Process launch(String mode, Path db, List<String> params, Path log) throws IOException {
        return CrashRun.jobJvm(SubmitCrashJobMain.class, mode, db, params, sim.baseUrl(), factor, origin, workDir, log);
    }
}
