package dev.cloudtask.examples.liberty;

import dev.cloudtask.TaskRef;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.logging.Logger;

/**
 * Skeleton step of the example job: logs the phase of the task named by its {@code task} property
 * (e.g. {@code cce/<project>/<job>}) and exits with it. The job XML shows where the library's
 * {@code awaitCloudTask} step takes over.
 */
@Named("checkTask")
@Dependent
public class CheckTaskBatchlet extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(CheckTaskBatchlet.class.getName());

    @Inject
    @BatchProperty(name = "task")
    String task;

    @Inject
    TaskPhases phases;

    @Override
    public String process() {
        TaskRef ref = TaskRef.parse(task);
        String phase = phases.phase(ref);
        LOG.info(() -> ref + " is in phase " + phase);
        return phase;
    }
}
