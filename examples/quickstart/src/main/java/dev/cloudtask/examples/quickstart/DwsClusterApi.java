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

/** The DWS operation this job submits: scale out a cluster (config key {@code cloudtask-dws}). */
@RegisterRestClient(configKey = "cloudtask-dws")
@RegisterProvider(CloudAuthFilter.class)
@ServiceApi(CloudService.DWS)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface DwsClusterApi {

    /** Resizes the cluster; the answer's {@code job_id} is the job to wait for. */
    @POST
    @Path("/v1.0/{project_id}/clusters/{cluster_id}/resize")
    ResizeJob resize(@PathParam("project_id") String projectId, @PathParam("cluster_id") String clusterId,
            Resize request);

    /** Request body; {@code simulator} scripts the simulator's task, null otherwise. */
    record Resize(@JsonbProperty("scale_out") ScaleOut scaleOut, Map<String, String> simulator) {
    }

    /** How many nodes to add. */
    record ScaleOut(int count) {
    }

    /** The answer. */
    record ResizeJob(@JsonbProperty("job_id") String jobId) {
    }
}
