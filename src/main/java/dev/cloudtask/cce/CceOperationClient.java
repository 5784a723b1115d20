package dev.cloudtask.cce;

import dev.cloudtask.CloudService;
import dev.cloudtask.ServiceApi;
import dev.cloudtask.auth.CloudAuthFilter;
import dev.cloudtask.client.CloudErrorMapper;
import dev.cloudtask.client.OperationPathFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * MicroProfile REST Client for the CCE operations that the {@code submitCloudTask} step sends:
 * any method and path below the service's base URL, with a JSON body.
 *
 * <p>It shares the config key {@code cloudtask-cce} with the progress client, so the same base URL, timeouts,
 * trust store and credentials apply. The path (relative, with its query) travels in the header
 * {@value OperationPathFilter#HEADER}, which {@link OperationPathFilter} turns into the request URL
 * before the credential is added; it never reaches the wire. Error answers become a
 * {@code CloudServiceException}; callers use {@code dev.cloudtask.client.RestCloudOperations}.
 */
@RegisterRestClient(configKey = "cloudtask-cce")
@RegisterProvider(value = OperationPathFilter.class, priority = OperationPathFilter.PRIORITY)
@RegisterProvider(CloudAuthFilter.class)
@RegisterProvider(value = CloudErrorMapper.Cce.class, priority = CloudErrorMapper.PRIORITY)
@ServiceApi(CloudService.CCE)
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public interface CceOperationClient {
    /** {@code POST} to {@code path} with a JSON body. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Response post(@HeaderParam(OperationPathFilter.HEADER) String path, String body);

    /** {@code PUT} to {@code path} with a JSON body. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    Response put(@HeaderParam(OperationPathFilter.HEADER) String path, String body);

    /** {@code PATCH} to {@code path} with a JSON body. */
    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    Response patch(@HeaderParam(OperationPathFilter.HEADER) String path, String body);

    /** {@code DELETE} of {@code path}, without a body. */
    @DELETE
    Response delete(@HeaderParam(OperationPathFilter.HEADER) String path);

    /** {@code GET} of {@code path} (used to find a task the operation started). */
    @GET
    Response get(@HeaderParam(OperationPathFilter.HEADER) String path);
}
