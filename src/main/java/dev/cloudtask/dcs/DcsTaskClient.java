package dev.cloudtask.dcs;

import dev.cloudtask.CloudService;
import dev.cloudtask.ServiceApi;
import dev.cloudtask.auth.CloudAuthFilter;
import dev.cloudtask.client.CloudCalls;
import dev.cloudtask.client.CloudErrorMapper;
import dev.cloudtask.client.LenientJsonReader;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * MicroProfile REST Client for the DCS background-task progress API:
 * {@code GET /v2/{project_id}/instances/{instance_id}/tasks/{task_id}/progress}.
 *
 * <p>Configure it with the key {@code cloudtask-dcs}. Call it through
 * {@link CloudCalls#progress(DcsTaskClient, String, String, String)} or
 * {@link CloudCalls#progressAsync(DcsTaskClient, String, String, String)}: they check the ids before any
 * request (an {@link IllegalArgumentException} names the bad one) and hand an HTTP error over as the
 * {@code CloudServiceException} itself.
 */
@RegisterRestClient(configKey = "cloudtask-dcs")
@RegisterProvider(LenientJsonReader.class)
@RegisterProvider(CloudAuthFilter.class)
@RegisterProvider(value = CloudErrorMapper.Dcs.class, priority = CloudErrorMapper.PRIORITY)
@ServiceApi(CloudService.DCS)
@Produces(MediaType.APPLICATION_JSON)
public interface DcsTaskClient {
    /** The request path, as documented. */
    String PATH = "/v2/{project_id}/instances/{instance_id}/tasks/{task_id}/progress";

    /** The request, ids as given; {@link CloudCalls} checks them first and unwraps errors. */
    @GET
    @Path(PATH)
    CompletionStage<DcsTaskProgress> fetchProgressAsync(@PathParam("project_id") String projectId,
            @PathParam("instance_id") String instanceId, @PathParam("task_id") String taskId);

    /** The request, ids as given; {@link CloudCalls} checks them first and unwraps errors. */
    @GET
    @Path(PATH)
    DcsTaskProgress fetchProgress(@PathParam("project_id") String projectId,
            @PathParam("instance_id") String instanceId, @PathParam("task_id") String taskId);
}
