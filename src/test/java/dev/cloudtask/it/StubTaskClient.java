package dev.cloudtask.it;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * A CCE-shaped REST client of the tests' own, used until the library's clients exist: it proves that
 * a MicroProfile REST Client declared in a WAR is injected by CDI in the server and reaches a
 * loopback endpoint configured through MicroProfile Config ({@code cloudtask-it-stub/mp-rest/url}).
 */
@RegisterRestClient(configKey = "cloudtask-it-stub")
@Path("/api/v3/projects/{projectId}/jobs/{jobId}")
public interface StubTaskClient {

    /** Reads one job, as {@link LoopbackStub} serves it. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    StubJob job(@PathParam("projectId") String projectId, @PathParam("jobId") String jobId);

    /** The part of a CCE job the tests read. */
    record StubJob(Metadata metadata, Status status) {
        /** {@code metadata.uid}: the job id. */
        public record Metadata(String uid) {
        }

        /** {@code status.phase}: Initializing, Running, Success or Failed. */
        public record Status(String phase) {
        }
    }
}
