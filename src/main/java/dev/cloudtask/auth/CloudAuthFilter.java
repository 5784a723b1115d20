package dev.cloudtask.auth;

import dev.cloudtask.CloudService;
import dev.cloudtask.ServiceApi;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * The one filter the REST clients register: adds the credential configured for the request's
 * service ({@code cloudtask.<service>.auth}).
 *
 * <p>Usable as {@code @RegisterProvider(CloudAuthFilter.class)} on a client interface annotated with
 * {@link ServiceApi}, or with {@code RestClientBuilder.register(...)} /
 * {@code Client.register(...)}. The service is the constructor argument if given, else the
 * {@link ServiceApi} of the declaring interface of the invoked method (request property
 * {@value #INVOKED_METHOD}). The credentials come from the given {@link CloudAuth}, else from
 * {@link CloudAuth#shared()}, read on the first request.
 *
 * <p>One credential per request: the first {@code CloudAuthFilter} that handles a request marks it
 * (request property {@value #APPLIED}), and any further {@code CloudAuthFilter} on the same request
 * steps aside. So a filter registered with an explicit {@link CloudAuth} next to the interfaces'
 * {@code @RegisterProvider(CloudAuthFilter.class)} never adds a second credential, whichever way the
 * REST client implementation treats the two registrations. ({@code CloudClients} registers exactly
 * one per client: the one given to it, else one for the configured credentials.)
 */
@Priority(Priorities.AUTHENTICATION)
public class CloudAuthFilter implements ClientRequestFilter {
    /** The MicroProfile REST Client request property holding the invoked interface method. */
    public static final String INVOKED_METHOD = "org.eclipse.microprofile.rest.client.invokedMethod";
    /** Request property set once a {@code CloudAuthFilter} has added the request's credential. */
    public static final String APPLIED = "dev.cloudtask.auth.CloudAuthFilter.applied";

    private final CloudService service;
    private final CloudAuth auth;

    /** The service from the invoked method, the credentials from {@link CloudAuth#shared()}. */
    public CloudAuthFilter() {
        this(null, null);
    }

    /** A fixed service, the credentials from {@link CloudAuth#shared()}. */
    public CloudAuthFilter(CloudService service) {
        this(service, null);
    }

    /**
     * @param service the service, or null to find it from the invoked method
     * @param auth the credentials, or null for {@link CloudAuth#shared()}
     */
    public CloudAuthFilter(CloudService service, CloudAuth auth) {
        this.service = service;
        this.auth = auth;
    }

    /**
     * Adds the credential.
     *
     * @throws IllegalStateException when the service cannot be determined
     * @throws CloudAuthException when no credential could be obtained
     */
    @Override
    public void filter(ClientRequestContext ctx) throws IOException {
        if (ctx.getProperty(APPLIED) != null) {
            return; // another CloudAuthFilter already handled this request
        }
        CloudService s = service != null ? service : serviceOf(ctx.getProperty(INVOKED_METHOD)).orElseThrow(
                () -> new IllegalStateException("CloudAuthFilter cannot tell the service of the request to "
                        + ctx.getUri().getHost() + ": the invoked method's interface has no @ServiceApi;"
                        + " annotate the interface or construct the filter with the service"));
        (auth != null ? auth : CloudAuth.shared()).filter(s).filter(ctx);
        ctx.setProperty(APPLIED, s);
    }

    /** The service named by the {@link ServiceApi} of the invoked method's interface, if any. */
    public static Optional<CloudService> serviceOf(Object invokedMethod) {
        if (invokedMethod instanceof Method m) {
            ServiceApi api = m.getDeclaringClass().getAnnotation(ServiceApi.class);
            if (api != null) {
                return Optional.of(api.value());
            }
        }
        return Optional.empty();
    }
}
