package dev.cloudtask.cce;

import dev.cloudtask.CloudService;
import dev.cloudtask.ServiceApi;
import dev.cloudtask.auth.CloudAuthFilter;
import dev.cloudtask.internal.PathParams;
import dev.cloudtask.rest.CloudCalls;
import dev.cloudtask.rest.CloudErrorMapper;
import dev.cloudtask.rest.LenientJsonReader;
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
 * Call {@link #job} or {@link #jobAsync}: they check the ids ({@link PathParams}) before any request
 * and throw {@link IllegalArgumentException} naming the bad one. An HTTP error becomes a
 * {@code CloudServiceException}. The {@code fetch...} methods are the raw calls behind them.
 *
 * <p>Jersey's MicroProfile REST Client (Payara) cannot run a default method that makes one of the
 * interface's own requests (it fails with {@code AbstractMethodError}). Code that must run there
 * calls the raw methods, e.g. {@code CloudCalls.sync(() -> client.fetchJob(...))} (ids unchecked);
 * the library's own polling does so on every server.
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

    /** Reads a job, asynchronously; ids are checked first (thrown, not in the stage). */
    default CompletionStage<CceJob> jobAsync(String projectId, String jobId) {
        return CloudCalls.async(fetchJobAsync(PathParams.check("project_id", projectId), PathParams.check("job_id", jobId)));
    }

    /** Reads a job; ids are checked first. */
    default CceJob job(String projectId, String jobId) {
        return CloudCalls.sync(() -> fetchJob(PathParams.check("project_id", projectId), PathParams.check("job_id", jobId)));
    }

    /** The raw request without id checks; prefer {@link #jobAsync}. */
    @GET
    @Path(PATH)
    CompletionStage<CceJob> fetchJobAsync(@PathParam("project_id") String projectId, @PathParam("job_id") String jobId);

    /** The raw request without id checks; prefer {@link #job}. */
    @GET
    @Path(PATH)
    CceJob fetchJob(@PathParam("project_id") String projectId, @PathParam("job_id") String jobId);
}
