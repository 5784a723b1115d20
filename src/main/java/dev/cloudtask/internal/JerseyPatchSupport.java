package dev.cloudtask.internal;

import dev.cloudtask.ServiceApi;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.spi.RestClientListener;

/**
 * Not an API: lets the library's REST clients send PATCH where the server's MicroProfile REST Client
 * is Jersey (Payara). Jersey's default transport, {@code HttpURLConnection}, refuses PATCH unless
 * Jersey's method workaround is on; this listener turns it on for the interfaces marked
 * {@link ServiceApi} (or extending one that is) and for no other client of the application. Other
 * implementations ignore the property. Registered through {@code META-INF/services}.
 */
public final class JerseyPatchSupport implements RestClientListener {
    /** Jersey's {@code HttpUrlConnectorProvider.SET_METHOD_WORKAROUND}, by name: Jersey is not a dependency. */
    static final String SET_METHOD_WORKAROUND = "jersey.config.client.httpUrlConnection.setMethodWorkaround";

    @Override
    public void onNewClient(Class<?> serviceInterface, RestClientBuilder builder) {
        if (isServiceApi(serviceInterface)) {
            builder.property(SET_METHOD_WORKAROUND, Boolean.TRUE);
        }
    }

    /** Whether the interface, or one it extends, is marked {@link ServiceApi} (interfaces inherit no annotation). */
    private static boolean isServiceApi(Class<?> type) {
        if (type.isAnnotationPresent(ServiceApi.class)) {
            return true;
        }
        for (Class<?> parent : type.getInterfaces()) {
            if (isServiceApi(parent)) {
                return true;
            }
        }
        return false;
    }
}
