package dev.cloudtask.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.ServiceApi;
import dev.cloudtask.rest.CloudErrorMapper;
import dev.cloudtask.rest.LenientJsonReader;
import java.util.Arrays;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each client interface names its service consistently: config key, @ServiceApi, error mapper. */
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
}
