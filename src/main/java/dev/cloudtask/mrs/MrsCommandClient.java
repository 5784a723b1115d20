package dev.cloudtask.mrs;

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
 * MicroProfile REST Client for MRS Manager's command progress API:
 * {@code GET /web/v1/common/command/{command_id}/progress}.
 *
 * <p>The base URL is the cluster's Manager, e.g. {@code cloudtask-mrs/mp-rest/url=https://192.0.2.10:28443};
 * authentication is a Manager session (cookie), not an IAM token. Call it through
 * {@link CloudCalls#progress(MrsCommandClient, String)} or
 * {@link CloudCalls#progressAsync(MrsCommandClient, String)}: they check the id before any request (an
 * {@link IllegalArgumentException} names it) and hand an HTTP error over as the
 * {@code CloudServiceException} itself.
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

    /** The request, ids as given; {@link CloudCalls} checks them first and unwraps errors. */
    @GET
    @Path(PATH)
    CompletionStage<MrsCommandProgress> fetchProgressAsync(@PathParam("command_id") String commandId);

    /** The request, ids as given; {@link CloudCalls} checks them first and unwraps errors. */
    @GET
    @Path(PATH)
    MrsCommandProgress fetchProgress(@PathParam("command_id") String commandId);
}
