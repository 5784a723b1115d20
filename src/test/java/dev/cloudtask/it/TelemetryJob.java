package dev.cloudtask.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cloudtask.TaskRef;
import dev.cloudtask.batch.PublishedTasks;
import dev.cloudtask.batch.TaskRefs;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import java.time.Duration;
import java.util.Properties;

/** The job of the telemetry tests: a DWS job of 4 s (adding CNs), awaited by {@code awaitCloudTask} polling fast. */
final class TelemetryJob {

    /** The job's name (its XML goes into the test WAR). */
    static final String JOB = "it-dws-resize";
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(90);

    private TelemetryJob() {
    }

    /** Runs the job to its end, asserts it COMPLETED, and returns the task its wait awaited. */
    static TaskRef run(String clusterId) throws Exception {
        SimulatorAdmin.fromConfig().reset();
        JobOperator operator = BatchRuntime.getJobOperator();
        Properties p = new Properties();
        p.setProperty("projectId", "05f2cff45100d5112f4bc00b794ea08e");
        p.setProperty("clusterId", clusterId);
        p.setProperty("duration", "4s"); // long enough for several progress changes and a predicted end
        long executionId = operator.start(JOB, p);
        assertEquals(BatchStatus.COMPLETED, BatchAwait.finished(operator, executionId, JOB_TIMEOUT).getBatchStatus());
        return TaskRefs.lookup(operator, executionId, "submit").map(PublishedTasks::refs).orElseThrow().get(0);
    }
}
