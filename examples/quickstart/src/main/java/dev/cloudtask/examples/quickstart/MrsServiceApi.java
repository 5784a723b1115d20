package dev.cloudtask.examples.quickstart;

import dev.cloudtask.CloudService;
import dev.cloudtask.ServiceApi;
import dev.cloudtask.auth.CloudAuthFilter;
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
 * The MRS Manager operation this job submits: restart a service (config key {@code cloudtask-mrs},
 * the cluster's Manager).
 */
@RegisterRestClient(configKey = "cloudtask-mrs")
@RegisterProvider(CloudAuthFilter.class)
@ServiceApi(CloudService.MRS)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface MrsServiceApi {

    /** Restarts the service asynchronously; the answer's {@code id} is the command to wait for. */
    @POST
    @Path("/web/v1/service/{service_name}/restart")
    Command restart(@PathParam("service_name") String serviceName, Restart request);

    /** Request body; {@code simulator} scripts the simulator's task, null otherwise. */
    record Restart(Map<String, String> simulator) {
    }

    /** The answer: the command's progress object (id and state, e.g. NEW). */
    record Command(long id, String state) {
    }
}
