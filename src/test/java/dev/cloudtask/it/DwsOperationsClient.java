package dev.cloudtask.it;

import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The application's own client for the operation it starts (DWS "add CNs in batches"), as a user writes
 * one: it shares the library's config key {@code cloudtask-dws}, so one URL serves both. The
 * {@code sim-*} query parameters shape the simulator's timeline of the new job; a parameter that
 * is null is not sent.
 */
@RegisterRestClient(configKey = "cloudtask-dws")
@Path("/v1.0/{projectId}/clusters/{clusterId}/cns/batch-create")
public interface DwsOperationsClient {

    /**
     * Adds coordinator nodes; the answer is {@code {"job_id": "..."}}.
     *
     * @param duration the simulated job's running time, e.g. {@code 2s}
     * @param failCode when not null, the job fails with this {@code failed_code}
     * @param name the job name the simulator reports
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    JsonObject resize(@PathParam("projectId") String projectId, @PathParam("clusterId") String clusterId,
            @QueryParam("sim-queued") String queued, @QueryParam("sim-duration") String duration,
            @QueryParam("sim-fail-code") String failCode, @QueryParam("sim-name") String name,
            JsonObject body);
}
