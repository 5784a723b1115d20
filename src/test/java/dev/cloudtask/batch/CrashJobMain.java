package dev.cloudtask.batch;

import com.ibm.jbatch.spi.BatchSPIManager;
import com.ibm.jbatch.spi.DatabaseConfigurationBean;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;

/**
 * The JVM that {@link CrashRestartTest} starts and kills: runs the {@code submit-then-await} job on
 * jbatch with a Derby job repository in a given directory and the file-backed {@link FakeCloud}.
 *
 * <p>Arguments: {@code start <dbDir> <cloudDir>} starts the job, writes its execution id to
 * {@code <cloudDir>/execution-id} and waits (to be killed); {@code restart <dbDir> <cloudDir>}
 * restarts that execution, waits for it to end and writes {@code <batch status> <exit status of
 * awaitTask>} to {@code <cloudDir>/result}.
 */
public final class CrashJobMain {
    private static final Set<BatchStatus> ENDED = Set.of(BatchStatus.COMPLETED, BatchStatus.FAILED,
            BatchStatus.STOPPED, BatchStatus.ABANDONED);

    private CrashJobMain() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path db = Path.of(args[1]);
        Path cloud = Path.of(args[2]);
        DatabaseConfigurationBean config = new DatabaseConfigurationBean();
        config.setJdbcDriver("org.apache.derby.jdbc.EmbeddedDriver");
        config.setJdbcUrl("jdbc:derby:" + db.toAbsolutePath() + ";create=true");
        config.setSchema("JBATCH");
        BatchSPIManager.getInstance().registerDatabaseConfigurationBean(config);
        FakeCloud.get().useFiles(cloud);
        JobOperator operator = BatchRuntime.getJobOperator();
        Path idFile = cloud.resolve("execution-id");
        if (mode.equals("start")) {
            long id = operator.start("submit-then-await", new Properties());
            FakeCloud.write(idFile, Long.toString(id));
            Thread.sleep(Long.MAX_VALUE); // killed by the test while the job waits
            return;
        }
        long id = operator.restart(Long.parseLong(Files.readString(idFile).trim()), new Properties());
        JobExecution execution = operator.getJobExecution(id);
        while (!ENDED.contains(execution.getBatchStatus())) {
            Thread.sleep(20);
            execution = operator.getJobExecution(id);
        }
        String awaitExit = operator.getStepExecutions(id).stream()
                .filter(s -> s.getStepName().equals("awaitTask")).map(s -> s.getExitStatus())
                .findFirst().orElse("-");
        FakeCloud.write(cloud.resolve("result"), execution.getBatchStatus() + " " + awaitExit);
        System.exit(0);
    }
}
