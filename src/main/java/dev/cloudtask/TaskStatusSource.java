package dev.cloudtask;

import java.util.concurrent.CompletionStage;

/**
 * Reads the current status of a remote task: one asynchronous call to the service's progress API,
 * mapped through that service's status table.
 *
 * <p>The stage completes exceptionally with a {@link CloudServiceException} when the service
 * answered with an error (or a body that could not be read), and with another exception (for
 * example {@code jakarta.ws.rs.ProcessingException} or an {@code IOException}) when the request
 * did not get an answer at all.
 */
@FunctionalInterface
public interface TaskStatusSource {
    CompletionStage<TaskStatus> fetch(TaskRef ref);

    /**
     * Called by the engine once when a request for {@code ref} was answered with HTTP 401: drop any
     * cached credential for that service/project and obtain a fresh one.
     *
     * @return true if a fresh credential was obtained and the request is worth repeating once
     */
    default boolean refreshCredentials(TaskRef ref) {
        return false;
    }
}
