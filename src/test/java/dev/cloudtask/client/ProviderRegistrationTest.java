package dev.cloudtask.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.auth.CloudAuthFilter;
import dev.cloudtask.cce.CceJobClient;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each JAX-RS provider is registered once per client: building the four clients in Java SE logs no
 * RESTEasy warning. RESTEasy logs through jboss-logging onto java.util.logging; the test listens on
 * the {@code org.jboss.resteasy} logger tree.
 */
class ProviderRegistrationTest {
    private static final URI ENDPOINT = URI.create("http://127.0.0.1:9");

    private final Logger resteasy = Logger.getLogger("org.jboss.resteasy");
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                String text = r.getMessage();
                if (r.getParameters() != null) {
                    text = text + " " + List.of(r.getParameters());
                }
                // only registration warnings: the logger is JVM-wide, and RESTEasy's cleaner also warns
                // (RESTEASY004687) here when it closes another test's abandoned client
                if (text.contains("RESTEASY002160") || text.contains("already registered")) {
                    warnings.add(text);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        resteasy.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        resteasy.removeHandler(capture);
    }

    @Test
    void build_allFourClients_noProviderRegisteredTwice() {
        CloudClients.Builder b = CloudClients.builder().maxResponseBytes(1024);
        for (CloudService s : CloudService.values()) {
            b.endpoint(s, ENDPOINT);
        }
        CloudClients clients = b.build();

        assertTrue(clients.has(CloudService.MRS));
        assertEquals(List.of(), warnings);
    }

    @Test
    void build_withOwnAuthFilterForEveryClientAndOneService_noProviderRegisteredTwice() {
        CloudClients.Builder b = CloudClients.builder()
                .register(new CloudAuthFilter())
                .register(CloudService.DWS, new CloudAuthFilter(CloudService.DWS));
        for (CloudService s : CloudService.values()) {
            b.endpoint(s, ENDPOINT);
        }
        b.build();

        assertEquals(List.of(), warnings);
    }

    @Test
    void listener_providerRegisteredTwiceOnPlainBuilder_isHeard() {
        RestClientBuilder.newBuilder().baseUri(ENDPOINT)
                .register(new LenientJsonReader(1024))
                .build(CceJobClient.class); // its @RegisterProvider(LenientJsonReader.class) comes second

        assertFalse(warnings.isEmpty(), "the listener hears RESTEasy's duplicate-registration warning");
    }
}
