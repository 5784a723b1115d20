package dev.cloudtask.examples.quickstart;

import dev.cloudtask.TaskRef;
import dev.cloudtask.batch.TaskRefs;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Submit step: resizes a DCS cache instance and publishes the DCS background task. */
@Named("resizeCache")
@Dependent
public class ResizeCacheBatchlet extends AbstractBatchlet {
    @Inject @BatchProperty String projectId;
    @Inject @BatchProperty String instanceId;
    @Inject @BatchProperty String newCapacity;
    @Inject @BatchProperty String simulate;
    @Inject StepContext step;
    @Inject @RestClient DcsInstanceApi dcs;

    @Override
    public String process() {
        if (TaskRefs.published(step).isPresent()) {
            return Submissions.ALREADY_SUBMITTED;
        }
        int capacity = Integer.parseInt(newCapacity.strip());
        DcsInstanceApi.ResizeTask task = dcs.resize(projectId, instanceId,
                new DcsInstanceApi.Resize(capacity, Submissions.simulator(simulate)));
        return Submissions.publish(step, TaskRef.dcs(projectId, instanceId, task.taskId()),
                "DCS resize of instance " + instanceId + " to " + capacity + " GB");
    }
}
