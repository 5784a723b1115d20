package dev.cloudtask.examples.quickstart;

import dev.cloudtask.CloudService;
import dev.cloudtask.ServiceApi;
import dev.cloudtask.auth.CloudAuthFilter;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The CCE operation this job submits: "create node". It shares the library's config key
 * {@code cloudtask-cce} (one base URL per service) and its authentication filter.
 */
@RegisterRestClient(configKey = "cloudtask-cce")
@RegisterProvider(CloudAuthFilter.class)
@ServiceApi(CloudService.CCE)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface CceNodeApi {

    /** Creates nodes in a cluster; the answer's {@code status.jobID} is the CCE job to wait for. */
    @POST
    @Path("/api/v3/projects/{project_id}/clusters/{cluster_id}/nodes")
    Node createNode(@PathParam("project_id") String projectId, @PathParam("cluster_id") String clusterId,
            CreateNode request);

    /** Request body (the fields this example sets); {@code simulator} scripts the simulator's task, null otherwise. */
    record CreateNode(String kind, String apiVersion, NodeSpec spec, Map<String, String> simulator) {
    }

    /** The node's flavor, availability zone and count. */
    record NodeSpec(String flavor, String az, int count) {
    }

    /** The answer: a Node whose status names the job. */
    record Node(NodeStatus status) {
    }

    /** {@code status.jobID}. */
    record NodeStatus(@JsonbProperty("jobID") String jobId) {
    }
}
