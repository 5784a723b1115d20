package dev.cloudtask.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The AK/SK filter over real HTTP: a JAX-RS client signs, a loopback gateway stub recomputes the
 * signature from the bytes and headers it received.
 */
class AkSkFilterTest {
    private static final String PROJECT = "77b6a44cba5143ab91d13ab9a8ff44fd";
    private final TestSupport.MutableClock clock = new TestSupport.MutableClock(Instant.parse("2019-11-15T03:36:55Z"));
    private SigningStub stub;
    private Client client;

    @BeforeEach
    void start() throws Exception {
        stub = new SigningStub();
        client = ClientBuilder.newClient();
    }

    @AfterEach
    void stop() {
        client.close();
        stub.close();
    }

    private CloudAuth auth(Map<String, String> extra) {
        Map<String, String> p = new HashMap<>(Map.of("cloudtask.auth", "aksk",
                "cloudtask.aksk.access-key", SigningStub.AK, "cloudtask.aksk.secret-key", SigningStub.SK));
        p.putAll(extra);
        return CloudAuth.fromConfig(TestSupport.config(p), clock);
    }

    @Test
    void filter_getWithQuery_gatewayVerifiesSignatureAndProjectFromPath() {
        CloudAuth auth = auth(Map.of());
        try (Response r = client.register(new CloudAuthFilter(CloudService.DCS, auth))
                .target(stub.url() + "/v2/" + PROJECT + "/instances/i-1/tasks/t-1/progress")
                .queryParam("b", "x y").queryParam("a", "1").request().get()) {
            assertEquals(200, r.getStatus());
        }
        SigningStub.Seen seen = stub.last();
        assertTrue(seen.valid());
        assertEquals("20191115T033655Z", seen.headers().get("x-sdk-date"));
        assertEquals(PROJECT, seen.headers().get("x-project-id"));
        assertTrue(seen.headers().get("authorization").contains("SignedHeaders=host;x-project-id;x-sdk-date,"),
                seen.headers().get("authorization"));
    }

    @Test
    void filter_postWithObjectEntity_signsTheExactJsonBytesSent() {
        CloudAuth auth = auth(Map.of("cloudtask.aksk.project-id", PROJECT));
        Map<String, Object> entity = Map.of("key", "value");
        try (Response r = client.register(new CloudAuthFilter(CloudService.DWS, auth))
                .target(stub.url() + "/v1/" + PROJECT + "/vpc/123").request()
                .post(Entity.json(entity))) {
            assertEquals(200, r.getStatus());
        }
        SigningStub.Seen seen = stub.last();
        assertTrue(seen.valid());
        assertEquals("{\"key\":\"value\"}", SigningStub.text(seen.body()));
    }

    @Test
    void filter_temporaryCredentials_sendAndSignSecurityToken() {
        CloudAuth auth = auth(Map.of("cloudtask.aksk.security-token", "sec-token-value-123"));
        try (Response r = client.register(new CloudAuthFilter(CloudService.CCE, auth))
                .target(stub.url() + "/api/v3/projects/" + PROJECT + "/jobs/job-1").request().get()) {
            assertEquals(200, r.getStatus());
        }
        SigningStub.Seen seen = stub.last();
        assertTrue(seen.valid());
        assertEquals("sec-token-value-123", seen.headers().get("x-security-token"));
        assertTrue(seen.headers().get("authorization").contains("x-security-token"));
    }

    @Test
    void verify_requestTamperedAfterSigning_rejected() {
        CloudAuth auth = auth(Map.of());
        try (Response r = client.register(new CloudAuthFilter(CloudService.DWS, auth))
                .target(stub.url() + "/v1.0/" + PROJECT + "/job/j-1").request().get()) {
            assertEquals(200, r.getStatus());
        }
        SigningStub.Seen seen = stub.last();
        assertTrue(SigningStub.verify(seen.method(), seen.rawUri(), seen.headers(), seen.body()));
        assertFalse(SigningStub.verify(seen.method(), seen.rawUri().replace("j-1", "j-2"), seen.headers(), seen.body()));
        assertFalse(SigningStub.verify("DELETE", seen.rawUri(), seen.headers(), seen.body()));
        Map<String, String> otherDate = new HashMap<>(seen.headers());
        otherDate.put("x-sdk-date", "20191115T033656Z");
        assertFalse(SigningStub.verify(seen.method(), seen.rawUri(), otherDate, seen.body()));
    }

    @Test
    void filter_restClientWithServiceApi_findsServiceFromInvokedMethod() {
        CloudAuth auth = CloudAuth.fromConfig(TestSupport.config(Map.of("cloudtask.dws.auth", "aksk",
                "cloudtask.dws.aksk.access-key", SigningStub.AK, "cloudtask.dws.aksk.secret-key", SigningStub.SK)), clock);
        DwsTestApi api = RestClientBuilder.newBuilder().baseUri(URI.create(stub.url()))
                .register(new CloudAuthFilter(null, auth)).build(DwsTestApi.class);

        assertEquals("{\"status\":\"RUNNING\"}", api.job(PROJECT, "job-7"));

        SigningStub.Seen seen = stub.last();
        assertTrue(seen.valid());
        assertEquals(PROJECT, seen.headers().get("x-project-id"));
    }

    @Test
    void filter_plainClientWithoutService_failsExplainingHowToNameTheService() {
        CloudAuth auth = auth(Map.of());
        ProcessingException e = assertThrows(ProcessingException.class, () -> client.register(new CloudAuthFilter(null, auth))
                .target(stub.url() + "/v1/x").request().get().close());
        assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
        assertTrue(e.getCause().getMessage().contains("@ServiceApi"));
        assertTrue(stub.seen.isEmpty());
    }

    @Test
    void filter_invokedMethodPropertyOnPlainClient_usesItsServiceApi() throws Exception {
        CloudAuth auth = CloudAuth.fromConfig(TestSupport.config(Map.of("cloudtask.dws.auth", "aksk",
                "cloudtask.dws.aksk.access-key", SigningStub.AK, "cloudtask.dws.aksk.secret-key", SigningStub.SK)), clock);
        try (Response r = client.register(new CloudAuthFilter(null, auth)).target(stub.url() + "/v1.0/p1/job/j1").request()
                .property(CloudAuthFilter.INVOKED_METHOD, DwsTestApi.class.getMethod("job", String.class, String.class))
                .get()) {
            assertEquals(200, r.getStatus());
        }
        assertTrue(stub.last().valid());
    }

    @Test
    void filter_streamedBody_refusedBeforeSending() {
        CloudAuth auth = auth(Map.of());
        ProcessingException e = assertThrows(ProcessingException.class, () -> client
                .register(new CloudAuthFilter(CloudService.DWS, auth)).target(stub.url() + "/v1/x").request()
                .post(Entity.entity(new ByteArrayInputStream(new byte[] {1}), "application/octet-stream")).close());
        assertTrue(e.getCause().getMessage().contains("streamed body"), e.getCause().getMessage());
        assertTrue(stub.seen.isEmpty());
    }

    @Test
    void hostHeader_defaultAndExplicitPorts_portOnlyWhenNotDefault() {
        assertEquals("h.example.com", AkSkFilter.hostHeader(URI.create("https://h.example.com/x")));
        assertEquals("h.example.com", AkSkFilter.hostHeader(URI.create("https://h.example.com:443/x")));
        assertEquals("127.0.0.1:8443", AkSkFilter.hostHeader(URI.create("https://127.0.0.1:8443/x")));
    }

    @Test
    void filter_noProjectAnywhere_sendsNoProjectHeader() {
        CloudAuth auth = CloudAuth.fromConfig(TestSupport.config(Map.of("cloudtask.mrs.auth", "aksk",
                "cloudtask.mrs.aksk.access-key", SigningStub.AK, "cloudtask.mrs.aksk.secret-key", SigningStub.SK)), clock);
        try (Response r = client.register(new CloudAuthFilter(CloudService.MRS, auth))
                .target(stub.url() + "/web/v1/common/command/1/progress").request().get()) {
            assertEquals(200, r.getStatus());
        }
        assertNull(stub.last().headers().get("x-project-id"));
        assertTrue(stub.last().valid());
    }
}
