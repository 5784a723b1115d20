package dev.cloudtask.reliability;

import dev.cloudtask.CloudTaskAwaiter;
import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import dev.cloudtask.client.CloudClients;
import dev.cloudtask.testkit.CloudSimulator;
import dev.cloudtask.testkit.Endpoint;
import dev.cloudtask.testkit.InjectedFault;
import dev.cloudtask.testkit.Timeline;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.StepExecution;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stop latency through the batch runtime: {@code JobOperator.stop()} on an {@code awaitCloudTask} step
 * (jbatch + Weld SE + the library's awaiter + {@code RestTaskStatusSource} over HTTP to the
 * {@link CloudSimulator}), 50 times while the step waits between polls and 50 times while its status
 * request hangs ({@code InjectedFault.hang()}). Time to STOPPED is measured from the {@code stop()} call until
 * the job repository reports the execution STOPPED. Real time (that is the point); prints a table.
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.cloudtask.reliability.StopLatencyBenchmark [-Dexec.args="&lt;stops&gt;"]
 * </pre>
 */
public final class StopLatencyBenchmark {
    private StopLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int stops = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Logger.getLogger("").setLevel(Level.WARNING);
        try (CloudSimulator sim = CloudSimulator.builder().start()) {
            CloudClients.Builder b = CloudClients.builder(); // default read timeout (30 s) ends abandoned hanging requests
            for (CloudService s : CloudService.values()) {
                b.endpoint(s, sim.baseUri());
            }
            CloudClients clients = b.build();
            try (CloudTaskAwaiter engine = CloudTaskAwaiter.builder(clients.taskStatusSource()).rateLimit(0, 0)
                    .requestTimeout(Duration.ofMinutes(5)).build()) {
                RealEngine.use(engine);
                JobOperator jobs = BatchRuntime.getJobOperator();
                run("warm-up", 3, sim, jobs, false); // class loading and the first repository queries
                run("warm-up", 3, sim, jobs, true);
                List<String> rows = new ArrayList<>();
                rows.add(run("during a wait (between polls)", stops, sim, jobs, false));
                rows.add(run("during a hanging request", stops, sim, jobs, true));
                System.out.println();
                System.out.println("| stop() while | stops | STOPPED | p50 ms | p90 ms | max ms | under 1 s |");
                System.out.println("|---|---|---|---|---|---|---|");
                rows.forEach(System.out::println);
                System.out.println("open simulator connections at the end: " + sim.openConnections());
            }
        }
        System.exit(0);
    }

    private static String run(String label, int stops, CloudSimulator sim, JobOperator jobs, boolean hang)
            throws InterruptedException {
        double[] ms = new double[stops];
        int stopped = 0;
        int stepStopped = 0;
        for (int i = 0; i < stops; i++) {
            TaskRef ref = sim.createTask(CloudService.values()[i % 4], Timeline.builder()
                    .duration(Duration.ofHours(2)).build());
            if (hang) {
                sim.faults().forTask(ref.taskId()).endpoint(Endpoint.POLL).always(InjectedFault.hang());
            }
            Properties p = new Properties();
            p.setProperty("tasks", ref.asString());
            p.setProperty("initialDelay", "50ms");
            p.setProperty("firstInterval", "1h");
            long id = jobs.start("rely-stop", p);
            awaitTrue(() -> sim.counters(ref).polls() >= 1, "first poll of " + ref);
            Thread.sleep(100); // the answer was handled (wait) or the request is hanging
            long t0 = System.nanoTime();
            jobs.stop(id);
            awaitTrue(() -> jobs.getJobExecution(id).getBatchStatus() == BatchStatus.STOPPED
                    || jobs.getJobExecution(id).getBatchStatus() == BatchStatus.FAILED, "end of job " + id);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            if (jobs.getJobExecution(id).getBatchStatus() == BatchStatus.STOPPED) {
                stopped++;
            }
            for (StepExecution s : jobs.getStepExecutions(id)) {
                if ("STOPPED".equals(s.getExitStatus()) && s.getBatchStatus() == BatchStatus.STOPPED) {
                    stepStopped++;
                }
            }
            sim.faults().clear();
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        long under = Arrays.stream(ms).filter(v -> v < 1000).count();
        return String.format("| %s | %d | %d (step exit STOPPED: %d) | %.0f | %.0f | %.0f | %d of %d |", label, stops,
                stopped, stepStopped, sorted[stops / 2], sorted[(int) Math.min(stops - 1, Math.ceil(stops * 0.9) - 1)],
                sorted[stops - 1], under, stops);
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what + " (waits started by the real engine: "
                        + RealEngine.started() + ")");
            }
            Thread.sleep(1);
        }
    }
}
