package dev.cloudtask.examples.quickstart;

import dev.cloudtask.CloudService;
import dev.cloudtask.batch.SubmitCloudTaskBatchlet;
import dev.cloudtask.testkit.AcceleratedClock;
import dev.cloudtask.testkit.SimAuthMode;
import dev.cloudtask.testkit.CloudSimulator;
import dev.cloudtask.testkit.SimCredentials;
import dev.cloudtask.testkit.Timeline;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.logging.LogManager;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * The quickstart: starts the cloud simulator on 127.0.0.1 with a clock 60 times faster than real
 * time and with authentication (IAM tokens, MRS Manager session), points the library's REST clients
 * at it (MicroProfile Config system properties), starts the
 * jbatch runtime in Java SE (Weld SE, embedded Derby under {@code target/}), runs the job
 * {@code META-INF/batch-jobs/quickstart.xml}, prints a summary table of every step and exits 0 only
 * when every step ended with the expected exit status and the job COMPLETED (1 otherwise, 2 when
 * it did not end in time).
 */
public final class QuickstartMain {
    /** Simulated seconds per real second: a remote task of 5 minutes takes 5 seconds. */
    static final double SPEED = 60;
    /** The job must end within this (real) time. */
    static final Duration JOB_DEADLINE = Duration.ofSeconds(50);

    static final String JOB = "quickstart";

    /** Expected exit status of every step: adding the warehouse CNs fails remotely and is compensated. */
    static final Map<String, String> EXPECTED = expected();

    private QuickstartMain() {
    }

    public static void main(String[] args) throws Exception {
        configureLogging();
        PrintStream out = System.out;
        int code = 1;
        try (CloudSimulator sim = CloudSimulator.builder()
                .clock(AcceleratedClock.of(SPEED))
                .auth(SimAuthMode.IAM_TOKEN)                 // CCE, DCS, DWS need an IAM token
                .managerSessionRequired(true)             // MRS needs a Manager session
                // how the simulator plays the task each operation starts (simulated time)
                .defaultTimeline(CloudService.CCE, Timeline.builder().queuedFor(Duration.ofSeconds(5))
                        .duration(Duration.ofMinutes(8)).build())
                .defaultTimeline(CloudService.DCS, Timeline.builder().queuedFor(Duration.ofSeconds(2))
                        .duration(Duration.ofMinutes(6)).build())
                .defaultTimeline(CloudService.DWS, Timeline.builder().queuedFor(Duration.ofSeconds(5))
                        .duration(Duration.ofMinutes(6)).fails("DWS.0114", "ELB private IP is not configured.", 40).build())
                .defaultTimeline(CloudService.MRS, Timeline.builder().queuedFor(Duration.ofSeconds(1))
                        .duration(Duration.ofMinutes(3)).build())
                .start()) {
            pointClientsAt(sim.baseUrl(), sim.credentials());
            out.printf(Locale.ROOT, "Cloud simulator on %s (clock x%.0f: one real second is one simulated minute)%n",
                    sim.baseUrl(), SPEED);
            code = run(out);
        } catch (RuntimeException | Error e) {
            e.printStackTrace();
        } finally {
            // jbatch keeps non-daemon threads; end the JVM (Weld's shutdown hook closes the CDI container)
            out.printf(Locale.ROOT, "Ending with System.exit(%d): jbatch in Java SE keeps non-daemon threads that would"
                    + " keep the JVM running (src/site/markdown/java-se.md)%n", code);
            out.flush();
            System.exit(code);
        }
    }

    private static int run(PrintStream out) throws InterruptedException {
        long boot = System.nanoTime();
        JobOperator operator = BatchRuntime.getJobOperator();        // jbatch, Weld SE and Derby start here
        long started = System.nanoTime();
        long executionId = operator.start(JOB, jobParameters());
        out.printf(Locale.ROOT, "Started job %s execution %d (batch runtime up in %.1f s)%n", JOB, executionId,
                (started - boot) / 1e9);

        JobExecution execution = awaitEnd(operator, executionId);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (execution == null) {
            operator.stop(executionId);
            out.println("FAILED: job " + JOB + " did not end within " + JOB_DEADLINE.toSeconds() + " s");
            return 2;
        }
        // the CDI container is the one jbatch's Weld SE artifact factory started (CDI.current() does not find it)
        WaitRecorder waits = WeldContainer.current().select(WaitRecorder.class).get();
        List<SummaryTable.Row> rows = SummaryTable.rows(operator, executionId, waits);
        out.println();
        out.printf(Locale.ROOT, "Job %s execution %d: %s (exit status %s) in %.1f s%n", JOB, executionId,
                execution.getBatchStatus(), execution.getExitStatus(), seconds);
        out.print(SummaryTable.render(rows));
        out.println();

        List<String> problems = check(execution, rows);
        if (problems.isEmpty()) {
            out.println("OK: every step ended as expected (the DWS CN addition failed remotely and was compensated)");
            return 0;
        }
        problems.forEach(p -> out.println("UNEXPECTED: " + p));
        return 1;
    }

    /** The job parameters: the resources to change, and how the simulator should script each task. */
    static Properties jobParameters() {
        Properties p = new Properties();
        p.setProperty("projectId", CloudSimulator.DEFAULT_PROJECT_ID);
        p.setProperty("cceClusterId", "4e6b6a2f-0d9c-11ef-9b2a-0255ac100b02");
        p.setProperty("dcsInstanceId", CloudSimulator.DEFAULT_INSTANCE_ID);
        p.setProperty("dwsClusterId", "7d85f602-a948-4a30-afd4-e84f47471c15");
        p.setProperty("mrsService", "Spark2x");
        return p;
    }

    private static JobExecution awaitEnd(JobOperator operator, long executionId) throws InterruptedException {
        Set<BatchStatus> ended = Set.of(BatchStatus.COMPLETED, BatchStatus.FAILED, BatchStatus.STOPPED,
                BatchStatus.ABANDONED);
        long deadline = System.nanoTime() + JOB_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            JobExecution e = operator.getJobExecution(executionId);
            if (ended.contains(e.getBatchStatus())) {
                return e;
            }
            Thread.sleep(100);
        }
        return null;
    }

    static List<String> check(JobExecution execution, List<SummaryTable.Row> rows) {
        List<String> problems = new ArrayList<>();
        if (execution.getBatchStatus() != BatchStatus.COMPLETED) {
            problems.add("job ended " + execution.getBatchStatus() + ", expected COMPLETED");
        }
        Map<String, String> actual = new LinkedHashMap<>();
        rows.forEach(r -> actual.put(r.step(), r.exitStatus()));
        EXPECTED.forEach((step, exit) -> {
            String got = actual.get(step);
            if (got == null) {
                problems.add("step " + step + " did not run, expected exit status " + exit);
            } else if (!got.equals(exit)) {
                problems.add("step " + step + " ended " + got + ", expected " + exit);
            }
        });
        actual.keySet().stream().filter(s -> !EXPECTED.containsKey(s))
                .forEach(s -> problems.add("step " + s + " ran but was not expected to"));
        return problems;
    }

    private static Map<String, String> expected() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("preflight", PreflightBatchlet.READY);
        m.put("submitNode", SubmitCloudTaskBatchlet.SUBMITTED);
        m.put("awaitNode", "SUCCEEDED");
        m.put("submitCache", SubmitCloudTaskBatchlet.SUBMITTED);
        m.put("awaitCache", "SUCCEEDED");
        m.put("submitWarehouse", SubmitCloudTaskBatchlet.SUBMITTED);
        m.put("awaitWarehouse", "FAILED:DWS.0114");
        m.put("notifyOperators", NotifyOperatorsBatchlet.NOTIFIED);
        m.put("submitServiceStart", SubmitCloudTaskBatchlet.SUBMITTED);
        m.put("awaitServiceStart", "SUCCEEDED");
        return Collections.unmodifiableMap(m);
    }

    /**
     * Points the library's REST clients (progress and operations share one config key per service)
     * and the IAM token endpoint at the simulator, and hands over the simulator's passwords. System
     * properties are a MicroProfile Config source with a higher ordinal than
     * {@code META-INF/microprofile-config.properties}; they are set before anything reads the
     * configuration.
     */
    static void pointClientsAt(String baseUrl, SimCredentials credentials) {
        for (CloudService s : CloudService.values()) {
            System.setProperty("cloudtask-" + s.name().toLowerCase(Locale.ROOT) + "/mp-rest/url", baseUrl);
        }
        System.setProperty("cloudtask.iam.url", baseUrl);
        System.setProperty("cloudtask.iam.password", credentials.iamPassword());
        System.setProperty("cloudtask.mrs.session.password", credentials.managerPassword());
    }

    /** One readable line per log record: {@code quickstart-logging.properties}. */
    private static void configureLogging() throws IOException {
        try (InputStream in = QuickstartMain.class.getResourceAsStream("/quickstart-logging.properties")) {
            if (in == null) {
                throw new IllegalStateException("quickstart-logging.properties is missing from the class path");
            }
            LogManager.getLogManager().readConfiguration(in);
        }
    }
}
