package dev.cloudtask.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MRS Manager login against a loopback HTTPS stub with a self-signed certificate made by keytool:
 * trust through the configured store only, direct and CAS login, re-login after expiry, and a
 * wrong password reported once.
 */
class MrsSessionTest {
    @TempDir
    static Path dir;
    static TestCerts certs;
    static TestCerts otherHostCerts;

    private final TestSupport.MutableClock clock = new TestSupport.MutableClock(Instant.parse("2026-01-10T08:00:00Z"));
    private MrsStub stub;
    private Client api;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certs = TestCerts.create(dir, "mrs", "ip:127.0.0.1");
        otherHostCerts = TestCerts.create(dir, "other", "dns:manager.other.example");
    }

    @BeforeEach
    void start() throws Exception {
        stub = new MrsStub(certs.keyStore);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certs.trustStore)) {
            trust.load(in, TestCerts.TRUST_PASSWORD.toCharArray());
        }
        api = ClientBuilder.newBuilder().trustStore(trust).build();
    }

    @AfterEach
    void stop() {
        api.close();
        stub.close();
    }

    static Map<String, String> config(String managerUrl, String password, boolean cas) {
        Map<String, String> p = new HashMap<>(Map.of("cloudtask.mrs.auth", "mrs-session",
                "cloudtask.mrs.session.manager-url", managerUrl,
                "cloudtask.mrs.session.user", MrsStub.USER,
                "cloudtask.mrs.session.password", password,
                "cloudtask.mrs.session.truststore", certs.trustStore.toString(),
                "cloudtask.mrs.session.truststore-password", TestCerts.TRUST_PASSWORD,
                "cloudtask.mrs.session.truststore-type", "PKCS12"));
        if (cas) {
            p.put("cloudtask.mrs.session.login", "cas");
            p.put("cloudtask.mrs.session.cas-url", managerUrl);
        }
        return p;
    }

    private CloudAuth auth(String password, boolean cas) {
        return CloudAuth.fromConfig(TestSupport.config(config(stub.url(), password, cas)), clock);
    }

    private Response progress(CloudAuth auth) {
        return api.target(stub.url() + "/web/v1/common/command/42/progress").register(new CloudAuthFilter(CloudService.MRS, auth))
                .request().get();
    }

    private MrsSession session(String url, TrustStoreSettings trust) {
        return new MrsSession(new MrsSessionSettings(URI.create(url), null, MrsStub.USER,
                Secret.of("pw", MrsStub.PASSWORD), Duration.ofSeconds(10), trust, "cloudtask.mrs.session"), clock);
    }

    @Test
    void directLogin_certificateInConfiguredTrustStore_apiRequestsCarryTheSessionCookie() {
        CloudAuth auth = auth(MrsStub.PASSWORD, false);
        try (Response r = progress(auth)) {
            assertEquals(200, r.getStatus());
        }
        try (Response r = progress(auth)) {
            assertEquals(200, r.getStatus());
        }
        assertEquals(1, stub.directLogins.get(), "one login serves many requests");
        assertEquals(2, stub.apiCalls.get());
    }

    @Test
    void login_noTrustStoreForSelfSignedCertificate_refusedWithTrustStoreHint() {
        MrsSession session = session(stub.url(), null);

        CloudAuthException e = assertThrows(CloudAuthException.class,
                () -> session.cookieHeader(URI.create(stub.url() + "/web/v1/x")));
        assertFalse(e.isRejected());
        assertTrue(e.getMessage().contains("cloudtask.mrs.session.truststore"), e.getMessage());
        assertEquals(0, stub.directLogins.get(), "no credentials were sent to an untrusted server");
    }

    @Test
    void login_certificateForAnotherHostName_refusedByHostNameVerification() throws Exception {
        try (MrsStub other = new MrsStub(otherHostCerts.keyStore)) {
            MrsSession session = session(other.url(), new TrustStoreSettings("k", otherHostCerts.trustStore.toString(),
                    Secret.of("tp", TestCerts.TRUST_PASSWORD), "PKCS12"));

            CloudAuthException e = assertThrows(CloudAuthException.class,
                    () -> session.cookieHeader(URI.create(other.url() + "/web/v1/x")));
            assertTrue(e.getMessage().contains("host name"), e.getMessage());
            assertTrue(e.getMessage().contains("No subject alternative"), "trusted but for another host: " + e.getMessage());
            assertEquals(0, other.directLogins.get());
        }
    }

    @Test
    void session_expiredAtTheManager_apiAnswers12002ThenOneReloginAndTheRequestSucceeds() {
        CloudAuth auth = auth(MrsStub.PASSWORD, false);
        try (Response r = progress(auth)) {
            assertEquals(200, r.getStatus());
        }
        stub.expireSessions();
        clock.advance(Duration.ofMinutes(20));
        try (Response r = progress(auth)) {
            assertEquals(401, r.getStatus());
            assertTrue(r.readEntity(String.class).contains("12002"));
        }

        assertTrue(auth.refresh(CloudService.MRS, null));
        assertTrue(auth.refresh(CloudService.MRS, null), "a second 401 right after shares the new session");

        try (Response r = progress(auth)) {
            assertEquals(200, r.getStatus());
        }
        assertEquals(2, stub.directLogins.get());
    }

    @Test
    void directLogin_wrongPassword_clearRejectedErrorAndNoFurtherAttempts() {
        CloudAuth auth = auth("wrong-password-value", false);

        Exception e = assertThrows(Exception.class, () -> progress(auth).close());
        CloudAuthException cause = (CloudAuthException) e.getCause();
        assertTrue(cause.isRejected());
        assertTrue(cause.getMessage().contains("refused the login of user '" + MrsStub.USER + "'"), cause.getMessage());
        assertTrue(cause.getMessage().contains("error 12001: Invalid username or password."), cause.getMessage());
        assertTrue(cause.getMessage().contains("cloudtask.mrs.session.password"), cause.getMessage());

        Exception again = assertThrows(Exception.class, () -> progress(auth).close());
        assertSame(cause, again.getCause());
        assertSame(cause, assertThrows(CloudAuthException.class, () -> auth.refresh(CloudService.MRS, null)));
        assertEquals(1, stub.directLogins.get(), "the wrong password was sent once");
        assertEquals(0, stub.apiCalls.get());
    }

    @Test
    void casLogin_fullFlowThenSessionExpiry_reloginWithTicketGrantingCookieWithoutPassword() {
        CloudAuth auth = auth(MrsStub.PASSWORD, true);
        try (Response r = progress(auth)) {
            assertEquals(200, r.getStatus());
        }
        assertEquals(1, stub.casCredentialPosts.get());
        assertEquals(1, stub.ticketChecks.get());
        assertEquals(0, stub.directLogins.get());

        stub.expireSessions();
        clock.advance(Duration.ofMinutes(20));
        assertTrue(auth.refresh(CloudService.MRS, null));

        try (Response r = progress(auth)) {
            assertEquals(200, r.getStatus());
        }
        assertEquals(1, stub.casCredentialPosts.get(), "the CASTGC got a new ticket without the password");
        assertEquals(2, stub.ticketChecks.get());
    }

    @Test
    void casLogin_ticketGrantingCookieAlsoExpired_fullFlowAgain() {
        CloudAuth auth = auth(MrsStub.PASSWORD, true);
        try (Response r = progress(auth)) {
            assertEquals(200, r.getStatus());
        }
        stub.expireSessions();
        stub.expireTicketGrantingTickets();
        clock.advance(Duration.ofMinutes(20));

        assertTrue(auth.refresh(CloudService.MRS, null));

        assertEquals(2, stub.casCredentialPosts.get());
        try (Response r = progress(auth)) {
            assertEquals(200, r.getStatus());
        }
    }

    @Test
    void casLogin_wrongPassword_clearRejectedErrorAfterOnePost() {
        CloudAuth auth = auth("wrong-cas-password", true);

        CloudAuthException e = assertThrows(CloudAuthException.class, () -> auth.refresh(CloudService.MRS, null));
        assertTrue(e.isRejected());
        assertTrue(e.getMessage().contains("CAS at " + stub.url() + " refused the login of user '" + MrsStub.USER + "'"),
                e.getMessage());
        assertThrows(CloudAuthException.class, () -> auth.refresh(CloudService.MRS, null));
        assertEquals(1, stub.casCredentialPosts.get());
        assertEquals(0, stub.ticketChecks.get());
    }

    @Test
    void cookieHeader_requestForAnotherHost_refusedWithoutSendingTheCookie() {
        MrsSession session = session(stub.url(), new TrustStoreSettings("k", certs.trustStore.toString(),
                Secret.of("tp", TestCerts.TRUST_PASSWORD), null));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> session.cookieHeader(URI.create("https://evil.example:28443/web/v1/x")));
        assertTrue(e.getMessage().contains("cloudtask.mrs.session.manager-url"), e.getMessage());
        assertEquals(0, stub.directLogins.get());
    }
}
