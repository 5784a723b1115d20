package dev.cloudtask.dws;

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
 * MicroProfile REST Client for the DWS task-progress API: {@code GET /v1.0/{project_id}/job/{job_id}}.
 *
 * <p>Configure it with the key {@code cloudtask-dws}. Call it through
 * {@link CloudCalls#job(DwsJobClient, String, String)} or
 * {@link CloudCalls#jobAsync(DwsJobClient, String, String)}: they check the ids before any request (an
 * {@link IllegalArgumentException} names the bad one) and hand an HTTP error over as the
 * {@code CloudServiceException} itself.
 */
@RegisterRestClient(configKey = "cloudtask-dws")
@RegisterProvider(LenientJsonReader.class)
@RegisterProvider(CloudAuthFilter.class)
@RegisterProvider(value = CloudErrorMapper.Dws.class, priority = CloudErrorMapper.PRIORITY)
@ServiceApi(CloudService.DWS)
@Produces(MediaType.APPLICATION_JSON)
public interface DwsJobClient {
    /** The request path, as documented. */
    String PATH = "/v1.0/{project_id}/job/{job_id}";

    /** The request, ids as given; {@link CloudCalls} checks them first and unwraps errors. */
    @GET
    @Path(PATH)
    CompletionStage<DwsJob> fetchJobAsync(@PathParam("project_id") String projectId, @PathParam("job_id") String jobId);

    /** The request, ids as given; {@link CloudCalls} checks them first and unwraps errors. */
    @GET
    @Path(PATH)
    DwsJob fetchJob(@PathParam("project_id") String projectId, @PathParam("job_id") String jobId);
}
