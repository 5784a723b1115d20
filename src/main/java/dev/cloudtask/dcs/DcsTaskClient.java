package dev.cloudtask.dcs;

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
 * MicroProfile REST Client for the DCS background-task progress API:
 * {@code GET /v2/{project_id}/instances/{instance_id}/tasks/{task_id}/progress}.
 *
 * <p>Configure it with the key {@code cloudtask-dcs}. Call {@link #progress} or {@link #progressAsync}:
 * they check the ids ({@link PathParams}) before any request and throw {@link IllegalArgumentException}
 * naming the bad one. An HTTP error becomes a {@code CloudServiceException}.
 *
 * <p>Jersey's MicroProfile REST Client (Payara) cannot run a default method that makes one of the
 * interface's own requests (it fails with {@code AbstractMethodError}). Code that must run there
 * calls the raw methods, e.g. {@code CloudCalls.sync(() -> client.fetchProgress(...))} (ids unchecked);
 * the library's own polling does so on every server.
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

    /** Reads a task's progress, asynchronously; ids are checked first (thrown, not in the stage). */
    default CompletionStage<DcsTaskProgress> progressAsync(String projectId, String instanceId, String taskId) {
        return CloudCalls.async(fetchProgressAsync(PathParams.check("project_id", projectId),
                PathParams.check("instance_id", instanceId), PathParams.check("task_id", taskId)));
    }

    /** Reads a task's progress; ids are checked first. */
    default DcsTaskProgress progress(String projectId, String instanceId, String taskId) {
        return CloudCalls.sync(() -> fetchProgress(PathParams.check("project_id", projectId),
                PathParams.check("instance_id", instanceId), PathParams.check("task_id", taskId)));
    }

    /** The raw request without id checks; prefer {@link #progressAsync}. */
    @GET
    @Path(PATH)
    CompletionStage<DcsTaskProgress> fetchProgressAsync(@PathParam("project_id") String projectId,
            @PathParam("instance_id") String instanceId, @PathParam("task_id") String taskId);

    /** The raw request without id checks; prefer {@link #progress}. */
    @GET
    @Path(PATH)
    DcsTaskProgress fetchProgress(@PathParam("project_id") String projectId,
            @PathParam("instance_id") String instanceId, @PathParam("task_id") String taskId);
}
