package dev.cloudtask.examples.liberty;

import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.TaskStep;
import dev.cloudtask.cce.CceJob;
import dev.cloudtask.cce.CceJobClient;
import dev.cloudtask.cce.CceStatusMapping;
import dev.cloudtask.client.CloudCalls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.stream.Collectors;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * An application bean that reads a CCE job through the library's REST client, injected with
 * {@code @Inject @RestClient}, and describes it in one line.
 */
@ApplicationScoped
public class NodeJobReport {

    @Inject
    @RestClient
    CceJobClient cce;

    /**
     * One line: the job's type, its normalized state and remote phase, and each sub-job.
     *
     * <p>{@link CloudCalls#job(CceJobClient, String, String)} checks the ids and hands an HTTP error
     * over as a {@code CloudServiceException}.
     */
    public String describe(TaskRef job) {
        CceJob body = CloudCalls.job(cce, job.projectId(), job.taskId());
        TaskStatus status = CceStatusMapping.toStatus(body);
        String steps = status.steps().stream()
                .map(s -> s.name() + "=" + s.state())
                .collect(Collectors.joining(", "));
        return "CCE job " + job.asString() + " (" + (body.spec() == null ? "?" : body.spec().type()) + "): " + status.state()
                + ", phase " + status.remoteState() + ", sub-jobs: " + steps;
    }
}
