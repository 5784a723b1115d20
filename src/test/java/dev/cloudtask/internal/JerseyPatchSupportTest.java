package dev.cloudtask.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.dws.DwsOperationClient;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.spi.RestClientListener;
import org.junit.jupiter.api.Test;

/** The listener that lets Jersey send PATCH: registered for the runtime, and for the library's clients only. */
class JerseyPatchSupportTest {
    interface SomeoneElsesClient {
    }

    /** A narrowed library client, as {@code CloudClients} builds them: it carries no annotation itself. */
    interface NarrowedClient extends DwsOperationClient {
    }

    @Test
    void registered_asRestClientListener() {
        assertTrue(ServiceLoader.load(RestClientListener.class).stream()
                .anyMatch(p -> p.type() == JerseyPatchSupport.class));
    }

    @Test
    void libraryClient_workaroundOn_otherClient_untouched() {
        Map<String, Object> library = new HashMap<>();
        new JerseyPatchSupport().onNewClient(DwsOperationClient.class, recording(library));
        Map<String, Object> narrowed = new HashMap<>();
        new JerseyPatchSupport().onNewClient(NarrowedClient.class, recording(narrowed));
        Map<String, Object> other = new HashMap<>();
        new JerseyPatchSupport().onNewClient(SomeoneElsesClient.class, recording(other));

        assertEquals(Map.of(JerseyPatchSupport.SET_METHOD_WORKAROUND, Boolean.TRUE), library);
        assertEquals(library, narrowed);
        assertEquals(Map.of(), other);
    }

    /** A builder that records the properties set on it and refuses anything else. */
    private static RestClientBuilder recording(Map<String, Object> properties) {
        return (RestClientBuilder) Proxy.newProxyInstance(RestClientBuilder.class.getClassLoader(),
                new Class<?>[] {RestClientBuilder.class}, (proxy, method, args) -> {
                    if (method.getName().equals("property")) {
                        properties.put((String) args[0], args[1]);
                        return proxy;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
