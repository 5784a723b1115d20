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

/** Submit step: adds a worker node to a CCE cluster and publishes the CCE job. */
@Named("createNode")
@Dependent
public class CreateNodeBatchlet extends AbstractBatchlet {
    @Inject @BatchProperty String projectId;
    @Inject @BatchProperty String clusterId;
    @Inject @BatchProperty String flavor;
    @Inject @BatchProperty String simulate;
    @Inject StepContext step;
    @Inject @RestClient CceNodeApi cce;

    @Override
    public String process() {
        if (TaskRefs.published(step).isPresent()) {
            return Submissions.ALREADY_SUBMITTED;
        }
        CceNodeApi.Node node = cce.createNode(projectId, clusterId, new CceNodeApi.CreateNode("Node", "v3",
                new CceNodeApi.NodeSpec(flavor, "eu-de-01", 1), Submissions.simulator(simulate)));
        return Submissions.publish(step, TaskRef.cce(projectId, node.status().jobId()),
                "CCE create node (" + flavor + ") in cluster " + clusterId);
    }
}
