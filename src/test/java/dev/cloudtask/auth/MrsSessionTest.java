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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MRS Manager login against a loopback HTTPS stub written from the MRS Manager API reference, with a
 * self-signed certificate made by keytool: trust through the configured store only; the normal
 * cluster's {@code login_check} and the security cluster's CAS flow; re-login after expiry; a wrong
 * password, a forced password change and a wrong path each reported once and final.
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

    private static final String FORM = "GET /cas/login";
    private static final String CREDENTIALS = "POST /cas/login";
    private static final String LOGIN_CHECK = "GET /web/v1/access/login_check";
    private static final String SECURITY_CHECK = "GET /web/cas_security_check.htm";
    private static final String PROGRESS = "GET /web/v1/common/command/42/progress";

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
        stub.securityCluster = cas;
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
    void normalCluster_loginCheckWithTrustedCertificate_oneSessionServesManyRequestsAndNoPasswordIsSent() {
        CloudAuth auth = auth(MrsStub.PASSWORD, false);
        try (Response r = progress(auth)) {
            assertEquals(200, r.getStatus());
        }
        try (Response r = progress(auth)) {
            assertEquals(200, r.getStatus());
        }
        assertEquals(List.of(LOGIN_CHECK, PROGRESS, PROGRESS), stub.requests, "login_check alone opens the session");
        assertEquals(0, stub.casCredentialPosts.get());
    }

    @Test
    void login_noTrustStoreForSelfSignedCertificate_refusedWithTrustStoreHint() {
        MrsSession session = session(stub.url(), null);

        CloudAuthException e = assertThrows(CloudAuthException.class,
                () -> session.cookieHeader(URI.create(stub.url() + "/web/v1/x")));
        assertFalse(e.isRejected());
        assertTrue(e.getMessage().contains("cloudtask.mrs.session.truststore"), e.getMessage());
        assertEquals(List.of(), stub.requests, "nothing reached an untrusted server");
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
            assertEquals(List.of(), other.requests);
        }
    }

    @Test
    void normalCluster_sessionExpiredAtTheManager_apiAnswers12002ThenOneReloginAndTheRequestSucceeds() {
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
        assertEquals(2, stub.count(LOGIN_CHECK));
    }

    @Test
    void normalClusterConfigured_managerIsASecurityCluster_finalErrorSaysToConfigureCas() {
        CloudAuth auth = auth(MrsStub.PASSWORD, false);
        stub.securityCluster = true;

        CloudAuthException e = assertThrows(CloudAuthException.class, () -> auth.refresh(CloudService.MRS, null));
        assertTrue(e.isRejected());
        assertTrue(e.getMessage().contains("cloudtask.mrs.session.login=cas"), e.getMessage());
        assertEquals(0, stub.casCredentialPosts.get(), "no password went anywhere");
    }

    @Test
    void securityCluster_documentedFlowThenSessionExpiry_reloginWithTicketGrantingCookieWithoutPassword() {
        CloudAuth auth = auth(MrsStub.PASSWORD, true);
        try (Response r = progress(auth)) {
            assertEquals(200, r.getStatus());
        }
        assertEquals(List.of(FORM, CREDENTIALS, LOGIN_CHECK, FORM, SECURITY_CHECK, LOGIN_CHECK, PROGRESS), stub.requests,
                "login page, credentials with the service, then login_check through CAS with the CASTGC");

        stub.expireSessions();
        clock.advance(Duration.ofMinutes(20));
        assertTrue(auth.refresh(CloudService.MRS, null));

        try (Response r = progress(auth)) {
            assertEquals(200, r.getStatus());
        }
        assertEquals(1, stub.casCredentialPosts.get(), "the CASTGC got a new session without the password");
        assertEquals(2, stub.count(SECURITY_CHECK));
    }

    @Test
    void securityCluster_securityCheckLandsOnHomePage_loginCheckAskedOnceMoreAndSessionWorks() {
        stub.securityCheckLandsOnHome = true;
        CloudAuth auth = auth(MrsStub.PASSWORD, true);
        try (Response r = progress(auth)) {
            assertEquals(200, r.getStatus());
        }
        assertEquals(List.of(FORM, CREDENTIALS, LOGIN_CHECK, FORM, SECURITY_CHECK, "GET /web/index.html", LOGIN_CHECK,
                PROGRESS), stub.requests);
    }

    @Test
    void securityCluster_ticketGrantingCookieAlsoExpired_fullFlowAgain() {
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
    void securityCluster_wrongPassword_finalErrorAfterOnePostAndNoSecondAttempt() {
        CloudAuth auth = auth("wrong-cas-password", true);

        Exception e = assertThrows(Exception.class, () -> progress(auth).close());
        CloudAuthException cause = (CloudAuthException) e.getCause();
        assertTrue(cause.isRejected());
        assertTrue(cause.getMessage().contains("refused the login as user '" + MrsStub.USER + "'"), cause.getMessage());
        assertTrue(cause.getMessage().contains("wrong user name or password"), cause.getMessage());
        assertTrue(cause.getMessage().contains("cloudtask.mrs.session.password"), cause.getMessage());
        assertFalse(cause.getMessage().contains("wrong-cas-password"), cause.getMessage());

        assertSame(cause, assertThrows(Exception.class, () -> progress(auth).close()).getCause());
        assertSame(cause, assertThrows(CloudAuthException.class, () -> auth.refresh(CloudService.MRS, null)));
        assertEquals(1, stub.casCredentialPosts.get(), "the wrong password was sent once");
        assertEquals(0, stub.apiCalls.get());
    }

    @Test
    void securityCluster_passwordMustBeChanged_finalErrorNamingTheChangePage() {
        stub.passwordChangeRequired = true;
        CloudAuth auth = auth(MrsStub.PASSWORD, true);

        CloudAuthException e = assertThrows(CloudAuthException.class, () -> auth.refresh(CloudService.MRS, null));
        assertTrue(e.isRejected());
        assertTrue(e.getMessage().contains("modify_password.html"), e.getMessage());
        assertTrue(e.getMessage().contains("change the password"), e.getMessage());
        assertSame(e, assertThrows(CloudAuthException.class, () -> auth.refresh(CloudService.MRS, null)));
        assertEquals(1, stub.casCredentialPosts.get());
        assertEquals(0, stub.count(LOGIN_CHECK));
    }

    @Test
    void loginCheckPath_answers404_finalErrorNamingUrlAndStatusAfterOneRequest() {
        Map<String, String> p = config(stub.url(), MrsStub.PASSWORD, false);
        p.put("cloudtask.mrs.session.login-check-path", "/web/login_check");
        CloudAuth auth = CloudAuth.fromConfig(TestSupport.config(p), clock);

        CloudAuthException e = assertThrows(CloudAuthException.class, () -> auth.refresh(CloudService.MRS, null));
        assertTrue(e.isRejected());
        assertTrue(e.getMessage().contains(stub.url() + "/web/login_check answered HTTP 404"), e.getMessage());
        assertTrue(e.getMessage().contains("cloudtask.mrs.session.login-check-path"), e.getMessage());
        assertSame(e, assertThrows(CloudAuthException.class, () -> auth.refresh(CloudService.MRS, null)));
        assertEquals(List.of("GET /web/login_check"), stub.requests);
    }

    @Test
    void casLoginPath_answers404_finalErrorBeforeAnyPasswordIsSent() {
        Map<String, String> p = config(stub.url(), MrsStub.PASSWORD, true);
        p.put("cloudtask.mrs.session.cas-login-path", "/cas/v1/login");
        CloudAuth auth = CloudAuth.fromConfig(TestSupport.config(p), clock);

        CloudAuthException e = assertThrows(CloudAuthException.class, () -> auth.refresh(CloudService.MRS, null));
        assertTrue(e.isRejected());
        assertTrue(e.getMessage().contains(stub.url() + "/cas/v1/login answered HTTP 404"), e.getMessage());
        assertEquals(List.of("GET /cas/v1/login"), stub.requests);
    }

    @Test
    void cookieHeader_requestForAnotherHost_refusedWithoutSendingTheCookie() {
        MrsSession session = session(stub.url(), new TrustStoreSettings("k", certs.trustStore.toString(),
                Secret.of("tp", TestCerts.TRUST_PASSWORD), null));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> session.cookieHeader(URI.create("https://evil.example:28443/web/v1/x")));
        assertTrue(e.getMessage().contains("cloudtask.mrs.session.manager-url"), e.getMessage());
        assertEquals(List.of(), stub.requests);
    }
}
