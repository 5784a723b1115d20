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
 * the plan. It runs alone, before the split: with jbatch on embedded Derby the very first step
 * executions of a JVM allocate the repository's id ranges, and two flows doing that at the same
 * instant can fail a step before it starts; one step first avoids that race.
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
        LOG.info(() -> "job " + job.getJobName() + "#" + job.getExecutionId() + " plan: CCE cluster "
                + cceClusterId + " +1 node | DCS " + dcsInstanceId + " resize, then DWS " + dwsClusterId
                + " +3 nodes, then restart MRS " + mrsService);
        return READY;
    }

    private static void check(List<String> missing, String name, String value) {
        if (value == null || value.isBlank()) {
            missing.add(name);
        }
    }
}
