package dev.cloudtask.client;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.net.URI;

/**
 * Points an operation request of the {@code *OperationClient} interfaces at its path: takes the
 * relative path (with its query) from the header {@value #HEADER}, removes the header, and sets the
 * request URL to the client's base URL plus that path. It runs before the authentication filters
 * ({@value #PRIORITY} &lt; {@link Priorities#AUTHENTICATION}), so an AK/SK signature covers the final URL.
 */
@Priority(OperationPathFilter.PRIORITY)
public class OperationPathFilter implements ClientRequestFilter {
    /** The request header that carries the relative path; never sent. */
    public static final String HEADER = "X-Cloudtask-Operation-Path";
    /** This filter's priority: ahead of authentication. */
    public static final int PRIORITY = Priorities.AUTHENTICATION - 100;

    @Override
    public void filter(ClientRequestContext ctx) {
        Object path = ctx.getHeaders().getFirst(HEADER);
        if (path == null) {
            return;
        }
        ctx.getHeaders().remove(HEADER);
        String relative = path.toString();
        if (!relative.startsWith("/")) {
            throw new IllegalArgumentException("operation path '" + relative + "' must start with /");
        }
        String base = ctx.getUri().toString();
        int query = base.indexOf('?');
        if (query >= 0) {
            base = base.substring(0, query);
        }
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        ctx.setUri(URI.create(base + relative));
    }
}
