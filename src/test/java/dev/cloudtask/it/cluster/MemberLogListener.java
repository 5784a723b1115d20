package dev.cloudtask.it.cluster;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.AbstractStepListener;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.logging.Logger;

/**
 * Writes into each partition's job log which member runs it and for which task, so that the test
 * (and a person reading the job logs) sees where every partition ran.
 */
@Named("memberLog")
@Dependent
public class MemberLogListener extends AbstractStepListener {

    /** The line's prefix; the test parses {@code member=<server> task=<reference>}. */
    public static final String PREFIX = "cloudtask-cluster partition";

    private static final Logger LOG = Logger.getLogger(MemberLogListener.class.getName());

    @Inject
    StepContext step;

    /** The partition's task reference ({@code #{partitionPlan['tasks']}}). */
    @Inject
    @BatchProperty
    String task;

    static String member() {
        return System.getProperty("wlp.server.name", "unknown");
    }

    @Override
    public void beforeStep() {
        LOG.info(() -> PREFIX + " of step " + step.getStepName() + " member=" + member() + " task=" + task);
    }

    @Override
    public void afterStep() {
        LOG.info(() -> PREFIX + " of step " + step.getStepName() + " member=" + member() + " task=" + task
                + " ended exitStatus=" + step.getExitStatus());
    }
}
