package dev.cloudtask.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CloudClientsTest {
    @Test
    void endpoint_notHttp_rejectedNamingService() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CloudClients.builder().endpoint(CloudService.MRS, URI.create("ftp://10.0.0.1:28443")));
        assertTrue(e.getMessage().startsWith("endpoint for mrs 'ftp://10.0.0.1:28443'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CloudClients.builder().endpoint(CloudService.CCE, "no url"));
        assertThrows(IllegalArgumentException.class, () -> CloudClients.builder().endpoint(CloudService.CCE, "/relative"));
    }

    @Test
    void options_nonPositive_rejected() {
        assertThrows(IllegalArgumentException.class, () -> CloudClients.builder().readTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> CloudClients.builder().connectTimeout(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> CloudClients.builder().maxResponseBytes(0));
    }

    @Test
    void client_serviceWithoutEndpoint_illegalState() {
        CloudClients clients = CloudClients.builder().endpoint(CloudService.CCE, "http://127.0.0.1:9").build();
        assertTrue(clients.has(CloudService.CCE));
        assertFalse(clients.has(CloudService.DCS));
        IllegalStateException e = assertThrows(IllegalStateException.class, clients::dcs);
        assertTrue(e.getMessage().contains("endpoint(CloudService.DCS"), e.getMessage());
    }
}
