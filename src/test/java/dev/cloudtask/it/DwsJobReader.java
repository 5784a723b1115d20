package dev.cloudtask.it;

import dev.cloudtask.TaskStatus;
import dev.cloudtask.dws.DwsJob;
import dev.cloudtask.dws.DwsJobClient;
import dev.cloudtask.dws.DwsStatusMapping;
import dev.cloudtask.rest.CloudCalls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** An application bean that reads DWS jobs through the library's client, injected by CDI. */
@ApplicationScoped
public class DwsJobReader {

    @Inject
    @RestClient
    DwsJobClient client;

    /**
     * The job as DWS reports it. It calls the raw request method through {@link CloudCalls#sync}
     * rather than the client's default method {@code job(...)}: Jersey's REST client (Payara) cannot
     * run a default method that makes one of the interface's own requests.
     */
    public DwsJob job(String projectId, String jobId) {
        return CloudCalls.sync(() -> client.fetchJob(projectId, jobId));
    }

    /** The job's normalized status. */
    public TaskStatus status(String projectId, String jobId) {
        return DwsStatusMapping.toStatus(job(projectId, jobId));
    }
}
