package dev.cloudtask;

import java.time.Duration;

/**
 * A service answered a request with an HTTP error, or with a body that could not be read.
 *
 * <p>It carries what the error body said in whichever shape the service used
 * ({@code error_code}/{@code error_msg}, {@code errorCode}/{@code errorMessage},
 * {@code code}/{@code message}, a Kubernetes {@code Status}, MRS {@code error_code}/
 * {@code error_description}), the {@code X-Request-Id} when present, and the {@code Retry-After}
 * delay when the service gave one. It never carries request headers, so no credential can leak
 * through it.
 */
public class CloudServiceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final CloudService service;
    private final int httpStatus;
    private final String errorCode;
    private final String errorMessage;
    private final String requestId;
    private final transient Duration retryAfter;

    /**
     * @param service the service that answered
     * @param httpStatus the HTTP status (0 when the body of a 2xx response could not be read)
     * @param errorCode the remote error code, or null
     * @param errorMessage the remote message or a readable excerpt of the body, or null
     * @param requestId the {@code X-Request-Id} response header, or null
     * @param retryAfter the {@code Retry-After} delay, or null
     */
    public CloudServiceException(CloudService service, int httpStatus, String errorCode,
            String errorMessage, String requestId, Duration retryAfter) {
        super(describe(service, httpStatus, errorCode, errorMessage, requestId));
        this.service = service;
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
        this.requestId = requestId;
        this.retryAfter = retryAfter;
    }

    private static String describe(CloudService service, int status, String code, String message,
            String requestId) {
        StringBuilder sb = new StringBuilder(service == null ? "cloud service" : service.name());
        sb.append(status > 0 ? " answered HTTP " + status : " sent an unreadable response");
        if (code != null) {
            sb.append(", error code ").append(code);
        }
        if (message != null && !message.isEmpty()) {
            sb.append(": ").append(message);
        }
        if (requestId != null) {
            sb.append(" (request id ").append(requestId).append(')');
        }
        return sb.toString();
    }

    public CloudService service() {
        return service;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String errorCode() {
        return errorCode;
    }

    public String errorMessage() {
        return errorMessage;
    }

    public String requestId() {
        return requestId;
    }

    /** The delay the service asked for with {@code Retry-After}, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** HTTP 429: the request was throttled; never counted as a failure. */
    public boolean isThrottled() {
        return httpStatus == 429;
    }

    /** A fault worth retrying within the error budget: 5xx, 408, or an unreadable 2xx body. */
    public boolean isTransient() {
        return httpStatus == 0 || httpStatus == 408 || httpStatus >= 500;
    }
}
