package dev.cloudtask.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.ServiceApi;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each client interface names its service consistently (config key, @ServiceApi, error mapper) and
 * holds only request methods, so every REST client implementation can run all of it.
 */
class ClientAnnotationsTest {
    @ParameterizedTest
    @EnumSource(CloudService.class)
    void clientInterface_annotations_matchService(CloudService service) throws Exception {
        Class<?> api = CloudClients.clientInterface(service);
        assertEquals(service.configKey(), api.getAnnotation(RegisterRestClient.class).configKey());
        assertEquals(service, api.getAnnotation(ServiceApi.class).value());
        RegisterProvider[] providers = api.getAnnotationsByType(RegisterProvider.class);
        assertTrue(Arrays.stream(providers).anyMatch(p -> p.value() == LenientJsonReader.class));
        Class<?> mapper = Arrays.stream(providers).map(RegisterProvider::value)
                .filter(CloudErrorMapper.class::isAssignableFrom).findFirst().orElseThrow();
        jakarta.ws.rs.core.Response response = jakarta.ws.rs.core.Response.status(500).build();
        assertEquals(service, ((CloudErrorMapper) mapper.getDeclaredConstructor().newInstance())
                .toThrowable(response).service());
    }

    /**
     * Jersey's REST client (Payara) fails with AbstractMethodError when a default method calls one of
     * the interface's own requests; the interfaces therefore declare request methods only.
     */
    @ParameterizedTest
    @EnumSource(CloudService.class)
    void clientInterface_methods_areAllAnnotatedRequests(CloudService service) {
        Class<?> api = CloudClients.clientInterface(service);
        for (Method m : api.getDeclaredMethods()) {
            assertFalse(m.isDefault(), m + " is a default method");
            assertFalse(Modifier.isStatic(m.getModifiers()), m + " is a static method");
            assertTrue(m.isAnnotationPresent(jakarta.ws.rs.GET.class), m + " is not a request");
        }
        assertEquals(2, api.getDeclaredMethods().length, "a synchronous and an asynchronous request");
    }
}
