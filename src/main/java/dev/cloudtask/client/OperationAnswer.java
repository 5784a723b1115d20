package dev.cloudtask.client;

/**
 * A successful (2xx) answer to an operation request.
 *
 * @param status the HTTP status
 * @param body the body as text (empty when there was none), at most the clients' size cap
 * @param requestId the {@code X-Request-Id} header, or null
 */
public record OperationAnswer(int status, String body, String requestId) {
    public OperationAnswer {
        body = body == null ? "" : body;
    }
}
