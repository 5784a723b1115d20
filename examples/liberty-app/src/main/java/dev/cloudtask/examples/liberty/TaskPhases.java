package dev.cloudtask.examples.liberty;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * An application bean that reads a cloud task's current phase through an injected REST client:
 * the "{@code @Inject @RestClient} a client where they need one" part of the library's promise.
 */
@ApplicationScoped
public class TaskPhases {

    @Inject
    @RestClient
    CceJobClient cce;

    /**
     * The current {@code status.phase} of a CCE job.
     *
     * @throws IllegalArgumentException naming the task when it is not a CCE task
     */
    public String phase(TaskRef task) {
        if (task.service() != CloudService.CCE) {
            throw new IllegalArgumentException("task '" + task.asString() + "' is not a CCE job");
        }
        JsonObject job = cce.job(task.projectId(), task.taskId());
        return job.getJsonObject("status").getString("phase", "");
    }
}
