package dev.cloudtask.cce;

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
 * MicroProfile REST Client for the CCE job API: {@code GET /api/v3/projects/{project_id}/jobs/{job_id}}.
 *
 * <p>Configure it with the key {@code cloudtask-cce}, e.g. {@code cloudtask-cce/mp-rest/url=https://cce.eu-de.otc.t-systems.com}.
 * Call it through {@link CloudCalls#job(CceJobClient, String, String)} or
 * {@link CloudCalls#jobAsync(CceJobClient, String, String)}: they check the ids before any request
 * (an {@link IllegalArgumentException} names the bad one) and hand an HTTP error over as the
 * {@code CloudServiceException} itself. The interface has no default methods, so it behaves the same
 * on every MicroProfile REST Client implementation.
 */
@RegisterRestClient(configKey = "cloudtask-cce")
@RegisterProvider(LenientJsonReader.class)
@RegisterProvider(CloudAuthFilter.class)
@RegisterProvider(value = CloudErrorMapper.Cce.class, priority = CloudErrorMapper.PRIORITY)
@ServiceApi(CloudService.CCE)
@Produces(MediaType.APPLICATION_JSON)
public interface CceJobClient {
    /** The request path, as documented. */
    String PATH = "/api/v3/projects/{project_id}/jobs/{job_id}";

    /** The request, ids as given; {@link CloudCalls} checks them first and unwraps errors. */
    @GET
    @Path(PATH)
    CompletionStage<CceJob> fetchJobAsync(@PathParam("project_id") String projectId, @PathParam("job_id") String jobId);

    /** The request, ids as given; {@link CloudCalls} checks them first and unwraps errors. */
    @GET
    @Path(PATH)
    CceJob fetchJob(@PathParam("project_id") String projectId, @PathParam("job_id") String jobId);
}
