package dev.cloudtask.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A JVM that runs one job once on jbatch with a new embedded Derby job repository, as a Java SE
 * application's first job does. Arguments: {@code <job> <dbDir>}. Prints
 * {@code RESULT <batch status> <step executions>} and exits. {@link #runFresh} starts one.
 */
public final class SplitStartMain {
    private static final Set<BatchStatus> ENDED = Set.of(BatchStatus.COMPLETED, BatchStatus.FAILED,
            BatchStatus.STOPPED, BatchStatus.ABANDONED);

    /** A step that does nothing and ends with exit status DONE. */
    public static final class Done extends AbstractBatchlet {
        @Override
        public String process() {
            return "DONE";
        }
    }

    /**
     * What one fresh JVM's run of a job ended with.
     *
     * @param batchStatus the job's batch status
     * @param stepExecutions the step executions it made
     * @param derbyLockTimeout whether Derby logged a lock timeout ({@code 40XL1})
     */
    public record Result(String batchStatus, int stepExecutions, boolean derbyLockTimeout) {
    }

    private SplitStartMain() {
    }

    /**
     * Runs {@code job} in a new JVM on a new repository under {@code work} (Derby's own log goes
     * there too) and returns its result.
     */
    public static Result runFresh(String job, Path work) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(work, job);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Dderby.stream.error.file=" + dir.resolve("derby.log"),
                "-Dderby.stream.error.logSeverityLevel=0",
                "-cp", CrashRun.classpath(), SplitStartMain.class.getName(), job,
                dir.resolve("db").toString())
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("RESULT ")) {
                    result = line;
                }
            }
        }
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the JVM running " + job + " in " + dir + " did not end within 90 s");
        }
        if (result == null) {
            throw new IllegalStateException("the JVM running " + job + " in " + dir + " printed no result (exit "
                    + p.exitValue() + ", see " + dir.resolve("stderr.txt") + ")");
        }
        String[] f = result.split(" ");
        Path log = dir.resolve("derby.log");
        boolean lockTimeout = Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains("40XL1");
        return new Result(f[1], Integer.parseInt(f[2]), lockTimeout);
    }

    public static void main(String[] args) throws Exception {
        CrashJobMain.useDerbyRepository(args[1]);
        JobOperator operator = BatchRuntime.getJobOperator();
        long id = operator.start(args[0], new Properties());
        JobExecution execution = operator.getJobExecution(id);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!ENDED.contains(execution.getBatchStatus()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            execution = operator.getJobExecution(id);
        }
        System.out.println("RESULT " + execution.getBatchStatus() + " " + operator.getStepExecutions(id).size());
        System.out.flush();
        System.exit(0);
    }
}
