package dev.cloudtask.mrs;

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
 * MicroProfile REST Client for MRS Manager's command progress API:
 * {@code GET /web/v1/common/command/{command_id}/progress}.
 *
 * <p>The base URL is the cluster's Manager, e.g. {@code cloudtask-mrs/mp-rest/url=https://192.0.2.10:28443};
 * authentication is a Manager session (cookie), not an IAM token. Call {@link #progress} or
 * {@link #progressAsync}: they check the id ({@link PathParams}) before any request and throw
 * {@link IllegalArgumentException} naming it. An HTTP error becomes a {@code CloudServiceException}.
 *
 * <p>Jersey's MicroProfile REST Client (Payara) cannot run a default method that makes one of the
 * interface's own requests (it fails with {@code AbstractMethodError}). Code that must run there
 * calls the raw methods, e.g. {@code CloudCalls.sync(() -> client.fetchProgress(...))} (ids unchecked);
 * the library's own polling does so on every server.
 */
@RegisterRestClient(configKey = "cloudtask-mrs")
@RegisterProvider(LenientJsonReader.class)
@RegisterProvider(CloudAuthFilter.class)
@RegisterProvider(value = CloudErrorMapper.Mrs.class, priority = CloudErrorMapper.PRIORITY)
@ServiceApi(CloudService.MRS)
@Produces(MediaType.APPLICATION_JSON)
public interface MrsCommandClient {
    /** The request path, as documented. */
    String PATH = "/web/v1/common/command/{command_id}/progress";

    /** Reads a command's progress, asynchronously; the id is checked first (thrown, not in the stage). */
    default CompletionStage<MrsCommandProgress> progressAsync(String commandId) {
        return CloudCalls.async(fetchProgressAsync(PathParams.check("command_id", commandId)));
    }

    /** Reads a command's progress; the id is checked first. */
    default MrsCommandProgress progress(String commandId) {
        return CloudCalls.sync(() -> fetchProgress(PathParams.check("command_id", commandId)));
    }

    /** The raw request without id checks; prefer {@link #progressAsync}. */
    @GET
    @Path(PATH)
    CompletionStage<MrsCommandProgress> fetchProgressAsync(@PathParam("command_id") String commandId);

    /** The raw request without id checks; prefer {@link #progress}. */
    @GET
    @Path(PATH)
    MrsCommandProgress fetchProgress(@PathParam("command_id") String commandId);
}
