package dev.cloudtask.testkit;

import dev.cloudtask.CloudService;
import java.time.Instant;

/**
 * One request the simulator answered.
 *
 * @param time when it arrived, on the simulator's clock
 * @param method the HTTP method
 * @param path the request path (no query: queries may carry credentials)
 * @param status the HTTP status sent, or 0 when no response was sent (reset, hang)
 * @param service the service addressed, or null
 * @param endpoint the kind of endpoint
 * @param taskId the task touched (created or polled), or null
 * @param note what happened beyond the status (e.g. {@code fault:CONNECTION_RESET}, {@code auth:expired}), or null
 */
public record JournalEntry(Instant time, String method, String path, int status, CloudService service,
        Endpoint endpoint, String taskId, String note) {
}
