package dev.cloudtask.examples.liberty;

import dev.cloudtask.TaskRef;
import dev.cloudtask.batch.PublishedTasks;
import dev.cloudtask.batch.TaskRefs;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.logging.Logger;

/**
 * Step 3 of the example job, after {@code awaitCloudTask} succeeded: logs the finished CCE job as
 * {@link NodeJobReport} describes it (one line in the job log).
 */
@Named("reportNode")
@Dependent
public class ReportNodeBatchlet extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(ReportNodeBatchlet.class.getName());

    @Inject
    JobContext job;

    @Inject
    NodeJobReport report;

    @Override
    public String process() {
        PublishedTasks published = TaskRefs.lookup(job, "createNode")
                .orElseThrow(() -> new IllegalStateException("step 'createNode' published no CCE job"));
        for (TaskRef ref : published.refs()) {
            String line = report.describe(ref);
            LOG.info(line);
        }
        return "REPORTED";
    }
}
