package dev.cloudtask.batch;

import dev.cloudtask.testkit.AcceleratedClock;
import dev.cloudtask.testkit.AcceleratedScheduler;
import dev.cloudtask.testkit.batch.SimBatch;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.StepExecution;
import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The job JVM of the submit crash loop: runs {@code submit-cloud-task} (submitCloudTask, then
 * awaitCloudTask) on jbatch with a Derby job repository in a given directory, against the
 * simulator of another process in accelerated time (system properties as for {@link CrashJobMain}).
 *
 * <p>Arguments: {@code start <dbDir> key=value...} starts the job with those job parameters, prints
 * {@code EXECUTION <id>} and waits to be killed; {@code restart <dbDir> key=value...} restarts the
 * most recent execution with those parameters, waits for its end and prints
 * {@code RESULT <batch status> <step>=<exit status>,...} (the steps the restart ran).
 */
public final class SubmitCrashJobMain {
    /** The job. */
    public static final String JOB = "submit-cloud-task";

    private static final Set<BatchStatus> ENDED = Set.of(BatchStatus.COMPLETED, BatchStatus.FAILED,
            BatchStatus.STOPPED, BatchStatus.ABANDONED);

    private SubmitCrashJobMain() {
    }

    public static void main(String[] args) throws Exception {
        CrashJobMain.useDerbyRepository(args[1]);
        AcceleratedScheduler time = new AcceleratedScheduler(AcceleratedClock.since(
                Instant.parse(System.getProperty(CrashJobMain.ORIGIN_PROPERTY)),
                Double.parseDouble(System.getProperty(CrashJobMain.FACTOR_PROPERTY))), 2);
        SimBatch.connect(URI.create(System.getProperty(CrashJobMain.URL_PROPERTY)), time, time.clock(),
                time.simulated(SimBatch.READ_TIMEOUT.multipliedBy(2)));
        Properties params = new Properties();
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            params.setProperty(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        JobOperator operator = BatchRuntime.getJobOperator();
        if (args[0].equals("start")) {
            long id = operator.start(JOB, params);
            System.out.println("EXECUTION " + id);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE); // killed somewhere in the submit step or the wait
            return;
        }
        long last = operator.getJobInstances(JOB, 0, 10).stream()
                .flatMap(i -> operator.getJobExecutions(i).stream())
                .map(JobExecution::getExecutionId).max(Comparator.naturalOrder())
                .orElseThrow(() -> new IllegalStateException("no execution of " + JOB + " in " + args[1]));
        long id = operator.restart(last, params);
        System.out.println("EXECUTION " + id);
        System.out.flush();
        JobExecution execution = operator.getJobExecution(id);
        while (!ENDED.contains(execution.getBatchStatus())) {
            Thread.sleep(20);
            execution = operator.getJobExecution(id);
        }
        String steps = operator.getStepExecutions(id).stream()
                .sorted(Comparator.comparingLong(StepExecution::getStepExecutionId))
                .map(s -> s.getStepName() + "=" + s.getExitStatus()).collect(Collectors.joining(","));
        System.out.println("RESULT " + execution.getBatchStatus() + " " + steps);
        System.out.flush();
        System.exit(0);
    }
}
