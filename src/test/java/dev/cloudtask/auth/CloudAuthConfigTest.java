package dev.cloudtask.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Choosing and checking the auth of each service from MicroProfile Config, and the IAM filter with its 401 hook. */
class CloudAuthConfigTest {
    private static final String PROJECT = "0123456789abcdef0123456789abcdef";
    private final TestSupport.MutableClock clock = new TestSupport.MutableClock(Instant.parse("2026-01-10T08:00:00Z"));

    private static CloudAuth auth(Map<String, String> p) {
        return CloudAuth.fromConfig(TestSupport.config(p));
    }

    private static IllegalArgumentException failure(Map<String, String> p) {
        return assertThrows(IllegalArgumentException.class, () -> auth(p));
    }

    @Test
    void fromConfig_noKeys_everyServiceWithoutAuth() {
        CloudAuth auth = auth(Map.of());
        for (CloudService s : CloudService.values()) {
            assertEquals(AuthMode.NONE, auth.mode(s));
            assertFalse(auth.refresh(s, null));
        }
    }

    @Test
    void fromConfig_serviceKeyAndSharedKey_serviceKeyWins() {
        CloudAuth auth = auth(Map.of("cloudtask.auth", "token", "cloudtask.token", "t-shared",
                "cloudtask.mrs.auth", "none"));
        assertEquals(AuthMode.TOKEN, auth.mode(CloudService.CCE));
        assertEquals(AuthMode.TOKEN, auth.mode(CloudService.DWS));
        assertEquals(AuthMode.NONE, auth.mode(CloudService.MRS));
    }

    @Test
    void fromConfig_unknownMode_failsNamingKeyAndValue() {
        IllegalArgumentException e = failure(Map.of("cloudtask.dcs.auth", "kerberos"));
        assertEquals("config key 'cloudtask.dcs.auth' has value 'kerberos': expected one of none, token, iam, aksk,"
                + " mrs-session", e.getMessage());
    }

    @Test
    void fromConfig_iamWithoutUser_failsNamingTheKey() {
        IllegalArgumentException e = failure(Map.of("cloudtask.cce.auth", "iam", "cloudtask.cce.iam.url", "https://iam.example",
                "cloudtask.cce.iam.password", "pw-123456", "cloudtask.cce.iam.domain", "d"));
        assertTrue(e.getMessage().contains("missing config key 'cloudtask.cce.iam.user'"), e.getMessage());
        assertTrue(e.getMessage().contains("cloudtask.cce.auth=iam"), e.getMessage());
        assertFalse(e.getMessage().contains("pw-123456"));
    }

    @Test
    void fromConfig_akskWithoutSecretKey_failsNamingTheKey() {
        IllegalArgumentException e = failure(Map.of("cloudtask.dws.auth", "aksk", "cloudtask.dws.aksk.access-key", "AK1"));
        assertTrue(e.getMessage().contains("'cloudtask.dws.aksk.secret-key'"), e.getMessage());
    }

    @Test
    void fromConfig_staticTokenMissing_failsNamingTheKey() {
        IllegalArgumentException e = failure(Map.of("cloudtask.cce.auth", "token"));
        assertTrue(e.getMessage().contains("'cloudtask.cce.token'"), e.getMessage());
    }

    @Test
    void fromConfig_iamUrlNotAUrl_failsNamingKeyAndValue() {
        IllegalArgumentException e = failure(Map.of("cloudtask.auth", "iam", "cloudtask.iam.url", "iam.example",
                "cloudtask.iam.user", "u", "cloudtask.iam.password", "p", "cloudtask.iam.domain", "d"));
        assertTrue(e.getMessage().contains("'cloudtask.cce.iam.url' has value 'iam.example'"), e.getMessage());
    }

    @Test
    void fromConfig_badRefreshAhead_failsNamingTheKey() {
        Map<String, String> p = new HashMap<>(Map.of("cloudtask.cce.auth", "iam", "cloudtask.iam.url", "https://iam.example",
                "cloudtask.iam.user", "u", "cloudtask.iam.password", "p", "cloudtask.iam.domain", "d"));
        p.put("cloudtask.iam.refresh-ahead", "soon");
        IllegalArgumentException e = failure(p);
        assertTrue(e.getMessage().contains("cloudtask.cce.iam.refresh-ahead"), e.getMessage());
    }

    @Test
    void fromConfig_mrsSessionForCce_failsNamingTheKey() {
        IllegalArgumentException e = failure(Map.of("cloudtask.cce.auth", "mrs-session"));
        assertTrue(e.getMessage().contains("'cloudtask.cce.auth' has value 'mrs-session'"), e.getMessage());
    }

    @Test
    void fromConfig_mrsSessionWithoutManagerUrl_failsNamingBothPossibleKeys() {
        IllegalArgumentException e = failure(Map.of("cloudtask.mrs.auth", "mrs-session",
                "cloudtask.mrs.session.user", "admin", "cloudtask.mrs.session.password", "x"));
        assertTrue(e.getMessage().contains("'cloudtask.mrs.session.manager-url'"), e.getMessage());
        assertTrue(e.getMessage().contains("'cloudtask-mrs/mp-rest/url'"), e.getMessage());
    }

    @Test
    void fromConfig_mrsSessionWithRestClientUrlOnly_usesItAndCasOnPort20009() {
        CloudAuth auth = auth(Map.of("cloudtask.mrs.auth", "mrs-session", "cloudtask.mrs.session.login", "cas",
                "cloudtask.mrs.session.user", "admin", "cloudtask.mrs.session.password", "x",
                "cloudtask-mrs/mp-rest/url", "https://10.0.0.5:28443"));
        MrsSessionSettings s = ((MrsSessionFilter) auth.filter(CloudService.MRS)).session().settings();
        assertEquals(URI.create("https://10.0.0.5:28443"), s.managerUrl());
        assertEquals(URI.create("https://10.0.0.5:20009"), s.casUrl());
        assertNull(s.trustStore());
    }

    @Test
    void fromConfig_mrsLoginPaths_documentedDefaultsAndOverrides() {
        MrsSessionSettings dflt = ((MrsSessionFilter) auth(Map.of("cloudtask.mrs.auth", "mrs-session",
                "cloudtask.mrs.session.login", "cas", "cloudtask.mrs.session.user", "admin",
                "cloudtask.mrs.session.password", "x", "cloudtask-mrs/mp-rest/url", "https://10.0.0.5:28443"))
                .filter(CloudService.MRS)).session().settings();
        assertEquals(URI.create("https://10.0.0.5:20009/cas/login"), dflt.casLogin());
        assertEquals(URI.create("https://10.0.0.5:28443/web/cas_security_check.htm"), dflt.casService());
        assertEquals(URI.create("https://10.0.0.5:28443/web/v1/access/login_check"), dflt.loginCheck());

        MrsSessionSettings custom = ((MrsSessionFilter) auth(Map.of("cloudtask.mrs.auth", "mrs-session",
                "cloudtask-mrs/mp-rest/url", "https://10.0.0.5:28443",
                "cloudtask.mrs.session.login-check-path", "/manager/web/v1/access/login_check"))
                .filter(CloudService.MRS)).session().settings();
        assertEquals(URI.create("https://10.0.0.5:28443/manager/web/v1/access/login_check"), custom.loginCheck());
        assertNull(custom.user(), "a normal cluster's login takes no user");
        assertNull(custom.password());
    }

    @Test
    void fromConfig_mrsLoginPathWithQuery_failsNamingTheKeysAndValue() {
        IllegalArgumentException e = failure(Map.of("cloudtask.mrs.auth", "mrs-session",
                "cloudtask-mrs/mp-rest/url", "https://10.0.0.5:28443",
                "cloudtask.mrs.session.login-check-path", "/web/login_check?x=1"));
        assertTrue(e.getMessage().contains("cloudtask.mrs.session.login-check-path"), e.getMessage());
        assertTrue(e.getMessage().contains("'/web/login_check?x=1'"), e.getMessage());
    }

    @Test
    void fromConfig_casLoginWithoutUser_failsNamingTheKey() {
        IllegalArgumentException e = failure(Map.of("cloudtask.mrs.auth", "mrs-session",
                "cloudtask.mrs.session.login", "cas", "cloudtask.mrs.session.password", "x",
                "cloudtask-mrs/mp-rest/url", "https://10.0.0.5:28443"));
        assertTrue(e.getMessage().contains("'cloudtask.mrs.session.user'"), e.getMessage());
        assertTrue(e.getMessage().contains("cloudtask.mrs.session.login=cas"), e.getMessage());
    }

    @Test
    void fromConfig_restClientTrustStoreDoesNotExist_failsAtStartNamingTheKey() {
        IllegalArgumentException e = failure(Map.of("cloudtask.mrs.auth", "mrs-session",
                "cloudtask.mrs.session.user", "admin", "cloudtask.mrs.session.password", "x",
                "cloudtask-mrs/mp-rest/url", "https://10.0.0.5:28443",
                "cloudtask-mrs/mp-rest/trustStore", "classpath:/does-not-exist.p12"));
        assertEquals("config key 'cloudtask-mrs/mp-rest/trustStore' names trust store 'classpath:/does-not-exist.p12',"
                + " which does not exist", e.getMessage());
    }

    @Test
    void fromConfig_unknownLoginFlow_failsNamingKeyAndValue() {
        IllegalArgumentException e = failure(Map.of("cloudtask.mrs.auth", "mrs-session", "cloudtask.mrs.session.login", "saml",
                "cloudtask.mrs.session.user", "admin", "cloudtask.mrs.session.password", "x",
                "cloudtask.mrs.session.manager-url", "https://10.0.0.5:28443"));
        assertTrue(e.getMessage().contains("'cloudtask.mrs.session.login' has value 'saml'"), e.getMessage());
    }

    @Test
    void fromConfig_sameSharedIamKeysForThreeServices_oneProviderHenceOneTokenCache() {
        CloudAuth auth = auth(Map.of("cloudtask.cce.auth", "iam", "cloudtask.dcs.auth", "iam", "cloudtask.dws.auth", "iam",
                "cloudtask.iam.url", "https://iam.example", "cloudtask.iam.user", "u", "cloudtask.iam.password", "p",
                "cloudtask.iam.domain", "d"));
        IamTokenProvider cce = ((IamTokenFilter) auth.filter(CloudService.CCE)).provider();
        assertSame(cce, ((IamTokenFilter) auth.filter(CloudService.DCS)).provider());
        assertSame(cce, ((IamTokenFilter) auth.filter(CloudService.DWS)).provider());
    }

    @Test
    void iamFilter_tokenRevokedMidWait_401ThenOneRefreshThenTheRequestSucceeds() throws Exception {
        try (IamStub stub = new IamStub(clock)) {
            CloudAuth auth = CloudAuth.fromConfig(TestSupport.config(stub.config("cloudtask.cce.")), clock);
            Client client = ClientBuilder.newClient().register(new CloudAuthFilter(CloudService.CCE, auth));
            String url = stub.url() + "/api/v3/projects/" + PROJECT + "/jobs/job-1";
            try (Response r = client.target(url).request().get()) {
                assertEquals(200, r.getStatus());
            }
            assertTrue(stub.tokenRequestBodies.get(0).contains("\"id\":\"" + PROJECT + "\""), "scoped to the path's project");
            stub.revokeAll();
            clock.advance(Duration.ofMinutes(30));
            try (Response r = client.target(url).request().get()) {
                assertEquals(401, r.getStatus());
            }

            assertTrue(auth.refresh(TaskRef.cce(PROJECT, "job-1")));

            try (Response r = client.target(url).request().get()) {
                assertEquals(200, r.getStatus());
            }
            assertEquals(2, stub.tokenRequests());
            client.close();
        }
    }

    @Test
    void iamFilter_tokenExpiresMidWait_newTokenFetchedBeforeExpiry() throws Exception {
        try (IamStub stub = new IamStub(clock)) {
            stub.tokenLife = Duration.ofHours(1);
            CloudAuth auth = CloudAuth.fromConfig(TestSupport.config(stub.config("cloudtask.cce.")), clock);
            Client client = ClientBuilder.newClient().register(new CloudAuthFilter(CloudService.CCE, auth));
            String url = stub.url() + "/api/v3/projects/" + PROJECT + "/jobs/job-1";
            for (int minute = 0; minute <= 120; minute += 15) {
                try (Response r = client.target(url).request().get()) {
                    assertEquals(200, r.getStatus(), "minute " + minute);
                }
                clock.advance(Duration.ofMinutes(15));
            }
            assertEquals(3, stub.tokenRequests(), "renewed at minute 60 and 105 (10 minutes ahead of expiry)");
            client.close();
        }
    }

    @Test
    void staticToken_sentAsXAuthTokenAndNeverRefreshed() throws Exception {
        try (SigningStub stub = new SigningStub()) {
            CloudAuth auth = auth(Map.of("cloudtask.dws.auth", "token", "cloudtask.dws.token", "static-token-value"));
            Client client = ClientBuilder.newClient().register(new CloudAuthFilter(CloudService.DWS, auth));
            client.target(stub.url() + "/v1.0/p/job/j").request().get().close();
            assertEquals("static-token-value", stub.last().headers().get("x-auth-token"));
            assertFalse(auth.refresh(CloudService.DWS, "p"));
            client.close();
        }
    }

    @Test
    void shared_applicationConfig_oneInstanceUsedByTheNoArgFilterOnARestClient() throws Exception {
        org.eclipse.microprofile.config.Config config = TestSupport.config(Map.of("cloudtask.dws.auth", "token",
                "cloudtask.dws.token", "shared-token-value"));
        ClassLoader app = new java.net.URLClassLoader(new java.net.URL[0], getClass().getClassLoader());
        org.eclipse.microprofile.config.spi.ConfigProviderResolver resolver =
                org.eclipse.microprofile.config.spi.ConfigProviderResolver.instance();
        resolver.registerConfig(config, app);
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(app);
        try (SigningStub stub = new SigningStub()) {
            CloudAuth shared = CloudAuth.shared();
            assertSame(shared, CloudAuth.shared());
            assertEquals(AuthMode.TOKEN, shared.mode(CloudService.DWS));

            DwsTestApi api = org.eclipse.microprofile.rest.client.RestClientBuilder.newBuilder()
                    .baseUri(URI.create(stub.url())).register(CloudAuthFilter.class).build(DwsTestApi.class);
            assertThrows(jakarta.ws.rs.WebApplicationException.class, () -> api.job("p1", "j1"),
                    "the signing stub answers 401 to a token; the header it saw is what counts");

            assertEquals("shared-token-value", stub.last().headers().get("x-auth-token"));
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
            resolver.releaseConfig(config);
        }
    }

    @Test
    void toString_settingsAndCredentials_neverShowSecrets() {
        Secret pw = Secret.of("pw", "hunter2-password");
        String all = new IamSettings(URI.create("https://iam.example"), "u", pw, "d", null, "eu-de", null, null,
                new TrustStoreSettings("k", "/t.p12", Secret.of("tp", "trust-secret"), null), null)
                + " " + new AkSkCredentials("AK", Secret.of("sk", "sk-secret"), Secret.of("st", "st-secret"), null)
                + " " + new IamToken(Secret.of("t", "token-secret"), Instant.EPOCH, Instant.EPOCH)
                + " " + new MrsSessionSettings(URI.create("https://m:28443"), null, "admin", pw, null, null, null)
                + " " + new StaticTokenFilter(Secret.of("t", "static-secret"));
        for (String secret : new String[] {"hunter2-password", "trust-secret", "sk-secret", "st-secret", "token-secret",
            "static-secret"}) {
            assertFalse(all.contains(secret), secret + " in " + all);
        }
        assertTrue(all.contains("[redacted]"));
    }
}
