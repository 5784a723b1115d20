package dev.cloudtask.client;

import dev.cloudtask.CloudService;
import java.time.Clock;

/**
 * Sends operation requests (start, change, delete something) to the four services, through the same
 * base URLs, credentials, TLS settings, response size cap and error mapping as the progress clients.
 * The {@code submitCloudTask} step uses the application's bean of this type; {@link RestCloudOperations}
 * is the implementation, {@link CloudClients#operations()} builds one in Java SE.
 */
public interface CloudOperations {
    /**
     * Sends one request and waits for the answer.
     *
     * @return the 2xx answer
     * @throws dev.cloudtask.CloudServiceException when the service answered with an error status or
     *     an unreadable body
     * @throws RuntimeException (typically {@code jakarta.ws.rs.ProcessingException}) when there was no
     *     answer: the cause tells whether the connection was never made or was lost after sending
     */
    OperationAnswer send(OperationRequest request);

    /**
     * Renews the credential of a service after an HTTP 401 (see
     * {@link dev.cloudtask.auth.CloudAuth#refresh(CloudService, String)}).
     *
     * @return true when repeating the request once is worthwhile
     */
    boolean refreshCredentials(CloudService service, String projectId);

    /**
     * The clock that stamps when an operation was sent (the following wait's 404 grace period starts
     * there, and a restarted submit step names that time); the system clock unless a test runs in
     * virtual time.
     */
    default Clock clock() {
        return Clock.systemUTC();
    }
}
