package dev.cloudtask.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * A failure the simulator injects instead of the normal answer. Error bodies use the shape of the
 * service that was called (the test kit page, src/site/markdown/testkit.md, lists them), and every
 * HTTP answer carries an {@code X-Request-Id}.
 *
 * @param kind what happens
 * @param status the HTTP status for {@link Kind#STATUS}, {@link Kind#THROTTLE} and {@link Kind#HTML_PAGE}
 * @param errorCode the error code in the body (e.g. {@code APIGW.0308}), or null for the service default
 * @param retryAfter the {@code Retry-After} value (whole seconds) for throttling, or null for none
 * @param body the JSON body for {@link Kind#JSON_BODY}, else null
 * @param delay how long (real time) the answer is held back for {@link Kind#SLOW}, else null
 */
public record InjectedFault(Kind kind, int status, String errorCode, Duration retryAfter, String body, Duration delay) {
    /** The API Gateway throttling code. */
    public static final String APIGW_THROTTLED = "APIGW.0308";
    /** CCE's own throttling code. */
    public static final String CCE_THROTTLED = "CCE.02429001";

    private static final Set<Integer> STATUSES = Set.of(400, 401, 403, 404, 500, 502, 503, 504);

    /** What an injected fault does. */
    public enum Kind {
        /** An HTTP error status with the service's error body. */
        STATUS,
        /** HTTP 429 with a throttling body and optionally {@code Retry-After}. */
        THROTTLE,
        /** An HTML error page (as a proxy or load balancer sends) instead of JSON. */
        HTML_PAGE,
        /** The connection is reset (TCP RST) after the request is read; no response. */
        CONNECTION_RESET,
        /** No response ever; the connection stays open until the client gives up or the simulator stops. */
        HANG,
        /** HTTP 200 announcing the full Content-Length of the real answer, half of it sent, then closed. */
        TRUNCATED_JSON,
        /** Any status with a JSON body given verbatim (e.g. other error shapes such as {@code errorCode/errorMessage}). */
        JSON_BODY,
        /**
         * The request is processed as usual (an operation starts its task), and the complete answer is
         * sent only after a delay in real time: a client with a shorter read timeout gives up on an
         * operation that was accepted.
         */
        SLOW
    }

    public InjectedFault {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.STATUS && !STATUSES.contains(status)) {
            throw new IllegalArgumentException("fault status '" + status + "' must be one of " + STATUSES);
        }
        if (kind == Kind.THROTTLE && status != 429) {
            throw new IllegalArgumentException("throttle fault status '" + status + "' must be 429");
        }
        if (kind == Kind.HTML_PAGE && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("HTML page fault status '" + status + "' must be 4xx or 5xx");
        }
        if (kind == Kind.JSON_BODY && (status < 100 || status > 599 || body == null)) {
            throw new IllegalArgumentException("JSON body fault needs a status within 100..599 and a body, got '"
                    + status + "'");
        }
        if (kind == Kind.SLOW ? delay == null || delay.isNegative() : delay != null) {
            throw new IllegalArgumentException("delay '" + delay + "' needs a slow fault and must be >= 0");
        }
        if (retryAfter != null && (retryAfter.isNegative() || kind != Kind.THROTTLE)) {
            throw new IllegalArgumentException("retryAfter '" + retryAfter + "' needs a throttle fault and must be >= 0");
        }
    }

    /** HTTP {@code status} (400, 401, 403, 404, 500, 502, 503, 504) with the service's error body. */
    public static InjectedFault status(int status) {
        return new InjectedFault(Kind.STATUS, status, null, null, null, null);
    }

    /** HTTP {@code status} with the given error code in the service's error body. */
    public static InjectedFault status(int status, String errorCode) {
        return new InjectedFault(Kind.STATUS, status, errorCode, null, null, null);
    }

    /** HTTP 401 as for a missing, expired or revoked credential. */
    public static InjectedFault unauthorized() {
        return status(401);
    }

    /** HTTP 429 with {@code APIGW.0308} and no {@code Retry-After}. */
    public static InjectedFault throttled() {
        return new InjectedFault(Kind.THROTTLE, 429, APIGW_THROTTLED, null, null, null);
    }

    /** HTTP 429 with {@code APIGW.0308} and {@code Retry-After: <seconds>}. */
    public static InjectedFault throttled(Duration retryAfter) {
        return new InjectedFault(Kind.THROTTLE, 429, APIGW_THROTTLED, Objects.requireNonNull(retryAfter, "retryAfter"), null, null);
    }

    /** HTTP 429 with the given code (e.g. {@link #CCE_THROTTLED}) and optional {@code Retry-After}. */
    public static InjectedFault throttled(String errorCode, Duration retryAfterOrNull) {
        return new InjectedFault(Kind.THROTTLE, 429, Objects.requireNonNull(errorCode, "errorCode"), retryAfterOrNull, null, null);
    }

    /** An nginx-style HTML error page with this status (e.g. 502). */
    public static InjectedFault htmlErrorPage(int status) {
        return new InjectedFault(Kind.HTML_PAGE, status, null, null, null, null);
    }

    /** A TCP reset instead of a response. */
    public static InjectedFault connectionReset() {
        return new InjectedFault(Kind.CONNECTION_RESET, 0, null, null, null, null);
    }

    /** A response that never comes. */
    public static InjectedFault hang() {
        return new InjectedFault(Kind.HANG, 0, null, null, null, null);
    }

    /** A 200 response whose JSON body is cut in half. */
    public static InjectedFault truncatedJson() {
        return new InjectedFault(Kind.TRUNCATED_JSON, 0, null, null, null, null);
    }

    /**
     * HTTP {@code status} with {@code json} as the body, verbatim ({@code application/json}): for
     * error shapes the simulator does not produce by itself, e.g.
     * {@code {"errorCode":"CCE.01400001","errorMessage":"..."}} or {@code {"code":"...","message":"..."}}.
     */
    public static InjectedFault jsonBody(int status, String json) {
        return new InjectedFault(Kind.JSON_BODY, status, null, null, Objects.requireNonNull(json, "json"), null);
    }

    /** The complete answer, sent {@code delay} (real time) after the request was processed. */
    public static InjectedFault slowAnswer(Duration delay) {
        return new InjectedFault(Kind.SLOW, 0, null, null, null, Objects.requireNonNull(delay, "delay"));
    }

    /** A short name for the journal, e.g. {@code fault:503} or {@code fault:CONNECTION_RESET}. */
    public String label() {
        return switch (kind) {
            case STATUS, THROTTLE -> "fault:" + status;
            case HTML_PAGE -> "fault:html-" + status;
            case JSON_BODY -> "fault:json-" + status;
            default -> "fault:" + kind;
        };
    }
}
