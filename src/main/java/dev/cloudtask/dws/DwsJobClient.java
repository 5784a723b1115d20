package dev.cloudtask.dws;

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
 * MicroProfile REST Client for the DWS task-progress API: {@code GET /v1.0/{project_id}/job/{job_id}}.
 *
 * <p>Configure it with the key {@code cloudtask-dws}. Call {@link #job} or {@link #jobAsync}: they
 * check the ids ({@link PathParams}) before any request and throw {@link IllegalArgumentException}
 * naming the bad one. An HTTP error becomes a {@code CloudServiceException}.
 *
 * <p>Jersey's MicroProfile REST Client (Payara) cannot run a default method that makes one of the
 * interface's own requests (it fails with {@code AbstractMethodError}). Code that must run there
 * calls the raw methods, e.g. {@code CloudCalls.sync(() -> client.fetchJob(...))} (ids unchecked);
 * the library's own polling does so on every server.
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

    /** Reads a job's progress, asynchronously; ids are checked first (thrown, not in the stage). */
    default CompletionStage<DwsJob> jobAsync(String projectId, String jobId) {
        return CloudCalls.async(fetchJobAsync(PathParams.check("project_id", projectId), PathParams.check("job_id", jobId)));
    }

    /** Reads a job's progress; ids are checked first. */
    default DwsJob job(String projectId, String jobId) {
        return CloudCalls.sync(() -> fetchJob(PathParams.check("project_id", projectId), PathParams.check("job_id", jobId)));
    }

    /** The raw request without id checks; prefer {@link #jobAsync}. */
    @GET
    @Path(PATH)
    CompletionStage<DwsJob> fetchJobAsync(@PathParam("project_id") String projectId, @PathParam("job_id") String jobId);

    /** The raw request without id checks; prefer {@link #job}. */
    @GET
    @Path(PATH)
    DwsJob fetchJob(@PathParam("project_id") String projectId, @PathParam("job_id") String jobId);
}
