package dev.cloudtask.auth;

import dev.cloudtask.CloudService;
import dev.cloudtask.ServiceApi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A minimal DWS-like MicroProfile REST Client interface, to show the filter finds the service. */
@ServiceApi(CloudService.DWS)
@Path("/v1.0")
public interface DwsTestApi {
    @GET
    @Path("/{project_id}/job/{job_id}")
    @Produces(MediaType.APPLICATION_JSON)
    String job(@PathParam("project_id") String projectId, @PathParam("job_id") String jobId);
}
