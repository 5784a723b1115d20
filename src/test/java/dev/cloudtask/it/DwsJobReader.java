package dev.cloudtask.it;

import dev.cloudtask.TaskStatus;
import dev.cloudtask.dws.DwsJob;
import dev.cloudtask.dws.DwsJobClient;
import dev.cloudtask.dws.DwsStatusMapping;
import dev.cloudtask.client.CloudCalls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** An application bean that reads DWS jobs through the library's client, injected by CDI. */
@ApplicationScoped
public class DwsJobReader {

    @Inject
    @RestClient
    DwsJobClient client;

    /** The job as DWS reports it, read the same way on every server ({@link CloudCalls}). */
    public DwsJob job(String projectId, String jobId) {
        return CloudCalls.job(client, projectId, jobId);
    }

    /** The job's normalized status. */
    public TaskStatus status(String projectId, String jobId) {
        return DwsStatusMapping.toStatus(job(projectId, jobId));
    }
}
