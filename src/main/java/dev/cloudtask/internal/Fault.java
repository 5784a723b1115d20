package dev.cloudtask.internal;

import dev.cloudtask.CloudServiceException;
import dev.cloudtask.auth.CloudAuthException;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * How the engine treats a failed progress request: the rule table from a {@link Throwable} to the
 * engine's reaction. The first matching row wins:
 *
 * <table>
 * <caption>failure classes</caption>
 * <tr><th>failure</th><th>kind</th></tr>
 * <tr><td>HTTP 429</td><td>{@link Kind#THROTTLED}</td></tr>
 * <tr><td>HTTP 401</td><td>{@link Kind#UNAUTHORIZED}</td></tr>
 * <tr><td>HTTP 404</td><td>{@link Kind#NOT_FOUND}</td></tr>
 * <tr><td>HTTP 5xx, 408, unreadable 2xx body</td><td>{@link Kind#TRANSIENT}</td></tr>
 * <tr><td>any other HTTP status (400, 403, ...)</td><td>{@link Kind#FATAL}</td></tr>
 * <tr><td>a {@link CloudAuthException} anywhere in the cause chain: the login or token request
 * was refused or failed (a JAX-RS client wraps it)</td><td>{@link Kind#FATAL} when
 * {@link CloudAuthException#isRejected()} (wrong credentials, a wrong URL, any other client error),
 * else {@link Kind#TRANSIENT}</td></tr>
 * <tr><td>IOException, TimeoutException, JAX-RS ProcessingException, JSON(-B) exception, anywhere
 * in the cause chain</td><td>{@link Kind#TRANSIENT}</td></tr>
 * <tr><td>anything else (a bug in a client)</td><td>{@link Kind#FATAL}</td></tr>
 * </table>
 *
 * @param kind the class of the failure
 * @param cause the unwrapped failure
 */
record Fault(Kind kind, Throwable cause) {

    /** The classes of failure the engine distinguishes. */
    enum Kind {
        THROTTLED, UNAUTHORIZED, NOT_FOUND, TRANSIENT, FATAL
    }

    /** Exceptions, by class name, that mean "no usable answer this time" (the APIs are optional). */
    private static final String[] TRANSIENT_NAMES = {
        "jakarta.ws.rs.ProcessingException",
        "jakarta.json.bind.JsonbException",
        "jakarta.json.JsonException",
    };

    static Fault classify(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof CloudServiceException e) {
            if (e.isThrottled()) {
                return new Fault(Kind.THROTTLED, e);
            }
            if (e.httpStatus() == 401) {
                return new Fault(Kind.UNAUTHORIZED, e);
            }
            if (e.httpStatus() == 404) {
                return new Fault(Kind.NOT_FOUND, e);
            }
            return new Fault(e.isTransient() ? Kind.TRANSIENT : Kind.FATAL, e);
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CloudAuthException auth) {
                return new Fault(auth.isRejected() ? Kind.FATAL : Kind.TRANSIENT, auth);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException || c instanceof TimeoutException || isNamedTransient(c)) {
                return new Fault(Kind.TRANSIENT, t);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return new Fault(Kind.FATAL, t);
    }

    /** Whether the failure is an HTTP answer (so it counts as a poll), not a missing answer. */
    boolean answered() {
        return cause instanceof CloudServiceException;
    }

    private static boolean isNamedTransient(Throwable t) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            for (String name : TRANSIENT_NAMES) {
                if (name.equals(c.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
