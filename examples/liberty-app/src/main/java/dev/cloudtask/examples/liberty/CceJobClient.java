package dev.cloudtask.examples.liberty;

import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The example's view of the CCE job API, configured by {@code cloudtask-cce/mp-rest/url}.
 *
 * <p>Skeleton: it stands in for the library's CCE client, which replaces it.
 */
@RegisterRestClient(configKey = "cloudtask-cce")
@Path("/api/v3/projects/{projectId}/jobs/{jobId}")
public interface CceJobClient {

    /** The CCE job as JSON. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    JsonObject job(@PathParam("projectId") String projectId, @PathParam("jobId") String jobId);
}
