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

/** Submit step: scales out a DWS cluster and publishes the DWS job. */
@Named("resizeWarehouse")
@Dependent
public class ResizeWarehouseBatchlet extends AbstractBatchlet {
    @Inject @BatchProperty String projectId;
    @Inject @BatchProperty String clusterId;
    @Inject @BatchProperty String addNodes;
    @Inject @BatchProperty String simulate;
    @Inject StepContext step;
    @Inject @RestClient DwsClusterApi dws;

    @Override
    public String process() {
        if (TaskRefs.published(step).isPresent()) {
            return Submissions.ALREADY_SUBMITTED;
        }
        int count = Integer.parseInt(addNodes.strip());
        DwsClusterApi.ResizeJob job = dws.resize(projectId, clusterId,
                new DwsClusterApi.Resize(new DwsClusterApi.ScaleOut(count), Submissions.simulator(simulate)));
        return Submissions.publish(step, TaskRef.dws(projectId, job.jobId()),
                "DWS resize of cluster " + clusterId + " by " + count + " nodes");
    }
}
