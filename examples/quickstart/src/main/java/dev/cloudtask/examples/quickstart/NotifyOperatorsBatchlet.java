package dev.cloudtask.examples.quickstart;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.StepExecution;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.logging.Logger;

/**
 * Compensation step, reached by {@code <next on="FAILED:*">} after a remote failure: reads the failed
 * step's exit status (which carries the remote error code) from the job repository and "notifies"
 * the operators, here with a WARNING log line (a real job would open a ticket or send a message).
 */
@Named("notifyOperators")
@Dependent
public class NotifyOperatorsBatchlet extends AbstractBatchlet {
    private static final Logger LOG = Logger.getLogger("dev.cloudtask.examples.quickstart");

    /** Exit status of this step. */
    static final String NOTIFIED = "NOTIFIED";

    @Inject @BatchProperty String failedStep;
    @Inject @BatchProperty String action;
    @Inject JobContext job;

    @Override
    public String process() {
        String exitStatus = BatchRuntime.getJobOperator().getStepExecutions(job.getExecutionId()).stream()
                .filter(s -> s.getStepName().equals(failedStep))
                .map(StepExecution::getExitStatus)
                .findFirst()
                .orElse("unknown");
        LOG.warning(() -> "NOTIFY operators: job " + job.getJobName() + " (instance " + job.getInstanceId()
                + ", execution " + job.getExecutionId() + ")"
                + " step " + failedStep + " ended " + exitStatus + "; " + action);
        return NOTIFIED;
    }
}
