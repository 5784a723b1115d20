package dev.cloudtask.examples.liberty;

import dev.cloudtask.TaskRef;
import dev.cloudtask.batch.TaskRefs;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.logging.Logger;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Step 1 of the example job: starts a CCE "create node" operation and publishes the returned CCE
 * job with {@link TaskRefs#publish}, so the library's {@code awaitCloudTask} step (job XML,
 * {@code taskFromStep="createNode"}) waits for it. On a restart after a failure the step finds its
 * own earlier publication and does not submit again.
 */
@Named("createNode")
@Dependent
public class CreateNodeBatchlet extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(CreateNodeBatchlet.class.getName());

    @Inject
    StepContext step;

    @Inject
    @RestClient
    CceNodeClient cce;

    @Inject
    @BatchProperty
    String projectId;

    @Inject
    @BatchProperty
    String clusterId;

    @Inject
    @BatchProperty
    String flavor;

    @Override
    public String process() {
        if (TaskRefs.published(step).isPresent()) {
            return "ALREADY_SUBMITTED";
        }
        JsonObject node = Json.createObjectBuilder()
                .add("kind", "Node")
                .add("apiVersion", "v3")
                .add("spec", Json.createObjectBuilder().add("flavor", flavor).add("count", 1))
                .build();
        String jobId = cce.createNode(projectId, clusterId, node).getJsonObject("status").getString("jobID");
        TaskRef job = TaskRef.cce(projectId, jobId);
        TaskRefs.publish(step, job, Instant.now());
        LOG.info(() -> "create node in cluster " + clusterId + " accepted: CCE job " + job.asString());
        return "SUBMITTED";
    }
}
