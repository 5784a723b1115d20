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

/** The DCS operation this job submits: resize a cache instance (config key {@code cloudtask-dcs}). */
@RegisterRestClient(configKey = "cloudtask-dcs")
@RegisterProvider(CloudAuthFilter.class)
@ServiceApi(CloudService.DCS)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface DcsInstanceApi {

    /** Resizes the instance; the answer's {@code task_id} is the background task to wait for. */
    @POST
    @Path("/v2/{project_id}/instances/{instance_id}/resize")
    ResizeTask resize(@PathParam("project_id") String projectId, @PathParam("instance_id") String instanceId,
            Resize request);

    /** Request body; {@code simulator} scripts the simulator's task, null otherwise. */
    record Resize(@JsonbProperty("new_capacity") int newCapacity, Map<String, String> simulator) {
    }

    /** The answer. */
    record ResizeTask(@JsonbProperty("task_id") String taskId, @JsonbProperty("instance_id") String instanceId) {
    }
}
