package dev.cloudtask.batch;

import jakarta.batch.api.partition.PartitionAnalyzer;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.logging.Level;

/**
 * The {@code cloudTaskPartitionAnalyzer}: gives a partitioned {@code awaitCloudTask} step an exit
 * status that carries the outcome of its tasks, so job XML can branch on it.
 *
 * <table>
 *   <caption>Exit status of the partitioned step</caption>
 *   <tr><th>partitions</th><th>step exit status</th></tr>
 *   <tr><td>every one {@code SUCCEEDED}</td><td>{@code SUCCEEDED}</td></tr>
 *   <tr><td>one or more ended otherwise</td><td>the exit status of the first of them to end:
 *       {@code FAILED:<remote code>}, {@code TIMED_OUT} or {@code ERROR:<code>}</td></tr>
 *   <tr><td>stopped</td><td>left to the runtime ({@code STOPPED})</td></tr>
 * </table>
 *
 * <p>The step's batch status is the runtime's: FAILED when a partition failed (with the default
 * {@code onRemoteFailure=FAIL}; a restart runs only the partitions that did not complete),
 * COMPLETED when every partition completed, including with {@code onRemoteFailure=COMPLETE}.
 * Declare it in the step's {@code <partition>} next to {@code cloudTaskPartitionMapper}:
 * {@code <analyzer ref="cloudTaskPartitionAnalyzer"/>}. On restart the partitions that run again
 * decide anew; the exit status of a partition that completed in an earlier execution is not seen.
 */
@Named("cloudTaskPartitionAnalyzer")
@Dependent
public class CloudTaskPartitionAnalyzer implements PartitionAnalyzer {
    @Inject StepContext stepContext;
    @Inject JobContext jobContext;

    private String firstUnsuccessful;
    private int ended;
    private int unsuccessful;

    @Override
    public void analyzeCollectorData(Serializable data) {
        // the partitions send no collector data
    }

    @Override
    public void analyzeStatus(BatchStatus batchStatus, String exitStatus) {
        ended++;
        if (batchStatus == BatchStatus.STOPPED || batchStatus == BatchStatus.STOPPING) {
            return;
        }
        boolean succeeded = batchStatus == BatchStatus.COMPLETED && StepOutcome.SUCCEEDED.equals(exitStatus);
        if (!succeeded) {
            unsuccessful++;
            if (firstUnsuccessful == null) {
                firstUnsuccessful = exitStatus == null || exitStatus.isBlank() || exitStatus.equals(batchStatus.name())
                        ? StepOutcome.ERROR_PREFIX + "UNKNOWN" : exitStatus;
            }
        }
        String status = firstUnsuccessful != null ? firstUnsuccessful : StepOutcome.SUCCEEDED;
        stepContext.setExitStatus(status);
        if (!succeeded) {
            ProgressReporter.LOG.log(Level.FINE, () -> ProgressReporter.jobLabel(jobContext) + " step "
                    + stepContext.getStepName() + ": " + unsuccessful + " of " + ended
                    + " ended partitions did not succeed; step exit status " + status);
        }
    }
}
