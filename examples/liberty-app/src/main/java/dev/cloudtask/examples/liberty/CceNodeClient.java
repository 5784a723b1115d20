package dev.cloudtask.examples.liberty;

import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The application's own client for the operation it starts: CCE "create node"
 * ({@code POST /api/v3/projects/{project_id}/clusters/{cluster_id}/nodes}). The answer is a
 * {@code Node} whose {@code status.jobID} is the CCE job that the library then waits for. It shares
 * the library's config key {@code cloudtask-cce}, so one URL serves both.
 */
@RegisterRestClient(configKey = "cloudtask-cce")
@Path("/api/v3/projects/{projectId}/clusters/{clusterId}/nodes")
public interface CceNodeClient {

    /** Creates node(s) as described by {@code node} (a CCE {@code Node} object). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    JsonObject createNode(@PathParam("projectId") String projectId, @PathParam("clusterId") String clusterId,
            JsonObject node);
}
