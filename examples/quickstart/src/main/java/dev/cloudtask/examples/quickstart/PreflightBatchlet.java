package dev.cloudtask.examples.quickstart;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.logging.Logger;
import java.util.ArrayList;
import java.util.List;

/**
 * First step: checks that every resource id the job needs was given as a job parameter and logs
 * the plan. It runs alone, before the split, because of embedded Derby (10.14) under jbatch 2.1.1:
 * a step execution's id comes from an identity column, and the first insert into that table after
 * Derby boots in a JVM preallocates a range of ids in a nested transaction. When the split's flows
 * insert their first step executions at the same instant, Derby can give up on that preallocation
 * ({@code ERROR 40XL1}, "A lock could not be obtained", from its {@code SequenceUpdater}); jbatch
 * then fails the flow before its first step, and its own error handling ends in a
 * {@code NullPointerException} in {@code BaseStepControllerImpl.markJobAndStepFailed} that hides
 * the SQL error (Derby's {@code derby.log} shows it with
 * {@code -Dderby.stream.error.logSeverityLevel=0}). One step first makes that insert alone; the
 * split's flows then draw ids from the preallocated range.
 */
@Named("preflight")
@Dependent
public class PreflightBatchlet extends AbstractBatchlet {
    private static final Logger LOG = Logger.getLogger("dev.cloudtask.examples.quickstart");

    /** Exit status when every id is present. */
    static final String READY = "READY";

    @Inject @BatchProperty String projectId;
    @Inject @BatchProperty String cceClusterId;
    @Inject @BatchProperty String dcsInstanceId;
    @Inject @BatchProperty String dwsClusterId;
    @Inject @BatchProperty String mrsService;
    @Inject JobContext job;

    @Override
    public String process() {
        List<String> missing = new ArrayList<>();
        check(missing, "projectId", projectId);
        check(missing, "cceClusterId", cceClusterId);
        check(missing, "dcsInstanceId", dcsInstanceId);
        check(missing, "dwsClusterId", dwsClusterId);
        check(missing, "mrsService", mrsService);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("job " + job.getJobName() + ": missing job parameters " + missing);
        }
        LOG.info(() -> "job " + job.getJobName() + " (instance " + job.getInstanceId() + ", execution "
                + job.getExecutionId() + ") plan: CCE cluster "
                + cceClusterId + " +1 node | DCS " + dcsInstanceId + " resize, then DWS " + dwsClusterId
                + " 3 CNs, then start MRS " + mrsService);
        return READY;
    }

    private static void check(List<String> missing, String name, String value) {
        if (value == null || value.isBlank()) {
            missing.add(name);
        }
    }
}
