package dev.cloudtask.client;

import dev.cloudtask.CloudService;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One operation request: the service, the HTTP method, the path below the service's base URL and
 * the JSON body.
 *
 * @param service the service whose client sends it
 * @param method {@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE} (or {@code GET} for lookups)
 * @param path the path with its query, starting with {@code /}, already filled and encoded
 * @param body the JSON body, or null (required to be null for {@code DELETE} and {@code GET})
 */
public record OperationRequest(CloudService service, String method, String path, String body) {
    /** The methods an operation may use. */
    public static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH", "DELETE", "GET");

    public OperationRequest {
        Objects.requireNonNull(service, "service");
        method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("method '" + method + "' must be one of POST, PUT, PATCH, DELETE");
        }
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path '" + path + "' must start with /");
        }
        if (body != null && (method.equals("DELETE") || method.equals("GET"))) {
            throw new IllegalArgumentException(method + " " + path + " cannot carry a body");
        }
    }

    /**
     * The request without its body, which may carry credentials (a node's login password, for
     * example): only the body's length is shown.
     */
    @Override
    public String toString() {
        return "OperationRequest[" + describe() + (body == null ? "" : ", body of " + body.length() + " characters") + "]";
    }

    /** {@code POST /path} for messages (no body: it may hold anything). */
    public String describe() {
        return service.name() + " " + method + " " + path;
    }
}
