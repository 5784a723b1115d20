package dev.cloudtask.batch;

import com.ibm.jbatch.spi.BatchSPIManager;
import com.ibm.jbatch.spi.DatabaseConfigurationBean;
import dev.cloudtask.testkit.AcceleratedClock;
import dev.cloudtask.testkit.AcceleratedScheduler;
import dev.cloudtask.testkit.batch.SimBatch;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * The job JVM of the crash test and the crash loop: runs {@value #JOB} on jbatch with a Derby job
 * repository in a given directory, the real engine in accelerated time and the simulator of another
 * process (system properties {@value #URL_PROPERTY}, {@value #FACTOR_PROPERTY} and
 * {@value #ORIGIN_PROPERTY}): the engine runs on an {@link AcceleratedScheduler} whose clock is
 * anchored at the origin, so it reads the same time as the simulator's clock of the same origin and
 * factor.
 *
 * <p>Arguments: {@code start <dbDir> <taskDuration>} starts the job and prints
 * {@code EXECUTION <id>}, then waits to be killed; {@code restart <dbDir>} restarts the most recent
 * execution of the job found in the repository, waits for it to end, prints
 * {@code RESULT <batch status> <exit status of awaitTask>} and exits.
 */
public final class CrashJobMain {
    /** The job: submit step, then awaitCloudTask with taskFromStep. */
    public static final String JOB = "submit-then-await";
    /** System property: the simulator's base URL. */
    public static final String URL_PROPERTY = "cloudtask.sim.url";
    /** System property: simulated seconds per real second. */
    public static final String FACTOR_PROPERTY = "cloudtask.sim.factor";
    /** System property: the real instant the accelerated clock is anchored at (ISO-8601). */
    public static final String ORIGIN_PROPERTY = "cloudtask.sim.origin";

    private static final Set<BatchStatus> ENDED = Set.of(BatchStatus.COMPLETED, BatchStatus.FAILED,
            BatchStatus.STOPPED, BatchStatus.ABANDONED);

    private CrashJobMain() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        useDerbyRepository(args[1]);
        AcceleratedScheduler time = new AcceleratedScheduler(AcceleratedClock.since(
                Instant.parse(required(ORIGIN_PROPERTY)), Double.parseDouble(required(FACTOR_PROPERTY))), 2);
        SimBatch.connect(URI.create(required(URL_PROPERTY)), time, time.clock(),
                time.simulated(SimBatch.READ_TIMEOUT.multipliedBy(2)));
        JobOperator operator = BatchRuntime.getJobOperator();
        if (mode.equals("start")) {
            Properties params = new Properties();
            params.setProperty("duration", args[2]);
            long id = operator.start(JOB, params);
            System.out.println("EXECUTION " + id);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE); // killed while the job waits
            return;
        }
        List<JobInstance> instances = operator.getJobInstances(JOB, 0, 10);
        long last = instances.stream().flatMap(i -> operator.getJobExecutions(i).stream())
                .map(JobExecution::getExecutionId).max(Comparator.naturalOrder())
                .orElseThrow(() -> new IllegalStateException("no execution of " + JOB + " in " + args[1]));
        long id = operator.restart(last, new Properties());
        System.out.println("EXECUTION " + id);
        System.out.flush();
        JobExecution execution = operator.getJobExecution(id);
        while (!ENDED.contains(execution.getBatchStatus())) {
            Thread.sleep(20);
            execution = operator.getJobExecution(id);
        }
        String awaitExit = operator.getStepExecutions(id).stream()
                .filter(s -> s.getStepName().equals("awaitTask")).map(s -> s.getExitStatus())
                .findFirst().orElse("-");
        System.out.println("RESULT " + execution.getBatchStatus() + " " + awaitExit);
        System.out.flush();
        System.exit(0);
    }

    /** Makes jbatch keep its job repository in embedded Derby in {@code dir} (created when missing). */
    static void useDerbyRepository(String dir) throws com.ibm.jbatch.spi.DatabaseAlreadyInitializedException {
        DatabaseConfigurationBean config = new DatabaseConfigurationBean();
        config.setJdbcDriver("org.apache.derby.jdbc.EmbeddedDriver");
        config.setJdbcUrl("jdbc:derby:" + dir + ";create=true");
        config.setSchema("JBATCH");
        BatchSPIManager.getInstance().registerDatabaseConfigurationBean(config);
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property '" + property + "' is not set");
        }
        return value;
    }
}
