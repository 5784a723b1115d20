package dev.cloudtask.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every auth mode (successes, 401 refreshes, session expiry, wrong passwords, config errors)
 * while capturing all java.util.logging output at every level (except the HTTP library's wire dumps,
 * see {@link #isWireLog}) and the full text of every
 * exception, then asserts that no password, SK, security token, token value, cookie value or
 * ticket appears anywhere in it.
 */
class SecretLeakTest {
    private static final String PROJECT = "0123456789abcdef0123456789abcdef";
    private static final String STATIC_TOKEN = "static-token-0xSECRET";
    private static final String SECURITY_TOKEN = "security-token-0xSECRET";
    private static final String WRONG_PASSWORD = "wrong-password-0xSECRET";

    @TempDir
    Path dir;

    private final TestSupport.MutableClock clock = new TestSupport.MutableClock(Instant.parse("2026-01-10T08:00:00Z"));
    private final StringBuilder captured = new StringBuilder();
    private final List<String> secrets = new ArrayList<>(List.of(IamStub.PASSWORD, SigningStub.SK, MrsStub.PASSWORD,
            STATIC_TOKEN, SECURITY_TOKEN, WRONG_PASSWORD, TestCerts.TRUST_PASSWORD, TestCerts.STORE_PASSWORD));

    @Test
    void everyAuthMode_logsAndExceptionTexts_containNoSecret() throws Exception {
        Logger root = Logger.getLogger("");
        Level rootLevel = root.getLevel();
        Handler capture = new Handler() {
            private final SimpleFormatter format = new SimpleFormatter();

            @Override
            public void publish(LogRecord r) {
                if (isWireLog(r.getLoggerName())) {
                    return;
                }
                synchronized (captured) {
                    captured.append(format.format(r));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
        root.setLevel(Level.ALL);
        Logger.getLogger("dev.cloudtask").setLevel(Level.ALL);
        try {
            runIam();
            runStaticToken();
            runAkSk();
            runMrs(false);
            runMrs(true);
            runConfigErrors();
        } finally {
            root.removeHandler(capture);
            root.setLevel(rootLevel);
            Logger.getLogger("dev.cloudtask").setLevel(null);
        }

        String text = captured.toString();
        assertTrue(text.contains("Obtained an IAM token"), "IAM logging was captured");
        assertTrue(text.contains("Logged in to MRS Manager"), "MRS logging was captured");
        assertTrue(text.contains("refused the login"), "wrong-password errors were captured");
        assertTrue(secrets.size() > 20, "secrets issued by the stubs are checked too: " + secrets.size());
        for (String secret : secrets) {
            assertFalse(text.contains(secret), () -> "secret '" + secret.substring(0, 4) + "...' leaked:\n" + text);
        }
    }

    /**
     * The HTTP library's own traffic dumps (Apache HttpClient {@code org.apache.http.wire} and
     * {@code org.apache.http.headers} at FINE) print every request header by design; they are off by
     * default and the authentication page warns not to enable them in production. Everything else is captured.
     */
    private static boolean isWireLog(String logger) {
        return logger != null && (logger.startsWith("org.apache.http.wire") || logger.startsWith("org.apache.http.headers"));
    }

    private void record(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        synchronized (captured) {
            captured.append(w).append(e).append('\n');
        }
    }

    private void note(Object o) {
        synchronized (captured) {
            captured.append(o).append('\n');
        }
    }

    private int get(Client client, String url) {
        try (Response r = client.target(url).request().get()) {
            return r.getStatus();
        } catch (RuntimeException e) {
            record(e);
            return -1;
        }
    }

    private void runIam() throws Exception {
        try (IamStub stub = new IamStub(clock)) {
            stub.tokenLife = Duration.ofHours(1);
            CloudAuth auth = CloudAuth.fromConfig(TestSupport.config(stub.config("cloudtask.cce.")), clock);
            note(auth);
            note(auth.filter(CloudService.CCE));
            Client client = ClientBuilder.newClient().register(new CloudAuthFilter(CloudService.CCE, auth));
            String url = stub.url() + "/api/v3/projects/" + PROJECT + "/jobs/j";
            assertEquals(200, get(client, url));
            clock.advance(Duration.ofMinutes(55));
            assertEquals(200, get(client, url));
            stub.revokeAll();
            assertEquals(401, get(client, url));
            clock.advance(Duration.ofMinutes(1));
            assertTrue(auth.refresh(CloudService.CCE, PROJECT));
            assertEquals(200, get(client, url));
            note(((IamTokenFilter) auth.filter(CloudService.CCE)).provider().token(PROJECT));
            note(((IamTokenFilter) auth.filter(CloudService.CCE)).provider().settings());

            Map<String, String> wrong = new HashMap<>(stub.config("cloudtask.cce."));
            wrong.put("cloudtask.cce.iam.password", WRONG_PASSWORD);
            CloudAuth bad = CloudAuth.fromConfig(TestSupport.config(wrong), clock);
            Client badClient = ClientBuilder.newClient().register(new CloudAuthFilter(CloudService.CCE, bad));
            assertEquals(-1, get(badClient, url));
            assertEquals(-1, get(badClient, url));
            try {
                bad.refresh(CloudService.CCE, PROJECT);
            } catch (CloudAuthException e) {
                record(e);
            }
            client.close();
            badClient.close();
            secrets.addAll(stub.issuedTokens);
            secrets.addAll(stub.apiTokensSeen.stream().filter(t -> t.startsWith("tok-")).toList());
        }
    }

    private void runStaticToken() throws Exception {
        try (SigningStub stub = new SigningStub()) {
            CloudAuth auth = CloudAuth.fromConfig(TestSupport.config(Map.of("cloudtask.dws.auth", "token",
                    "cloudtask.dws.token", STATIC_TOKEN)), clock);
            note(auth.filter(CloudService.DWS));
            Client client = ClientBuilder.newClient().register(new CloudAuthFilter(CloudService.DWS, auth));
            assertEquals(401, get(client, stub.url() + "/v1.0/" + PROJECT + "/job/j"));
            assertFalse(auth.refresh(CloudService.DWS, PROJECT));
            client.close();
        }
    }

    private void runAkSk() throws Exception {
        try (SigningStub stub = new SigningStub()) {
            CloudAuth auth = CloudAuth.fromConfig(TestSupport.config(Map.of("cloudtask.dcs.auth", "aksk",
                    "cloudtask.dcs.aksk.access-key", SigningStub.AK, "cloudtask.dcs.aksk.secret-key", SigningStub.SK,
                    "cloudtask.dcs.aksk.security-token", SECURITY_TOKEN)), clock);
            note(auth.filter(CloudService.DCS));
            Client client = ClientBuilder.newClient().register(new CloudAuthFilter(CloudService.DCS, auth));
            assertEquals(200, get(client, stub.url() + "/v2/" + PROJECT + "/instances/i/tasks/t/progress"));
            client.close();
        }
    }

    private void runMrs(boolean cas) throws Exception {
        TestCerts certs = TestCerts.create(dir, cas ? "cas" : "direct", "ip:127.0.0.1");
        try (MrsStub stub = new MrsStub(certs.keyStore)) {
            stub.securityCluster = cas;
            KeyStore trust = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(certs.trustStore)) {
                trust.load(in, TestCerts.TRUST_PASSWORD.toCharArray());
            }
            Map<String, String> p = new HashMap<>(Map.of("cloudtask.mrs.auth", "mrs-session",
                    "cloudtask.mrs.session.manager-url", stub.url(), "cloudtask.mrs.session.user", MrsStub.USER,
                    "cloudtask.mrs.session.password", MrsStub.PASSWORD,
                    "cloudtask.mrs.session.truststore", certs.trustStore.toString(),
                    "cloudtask.mrs.session.truststore-password", TestCerts.TRUST_PASSWORD));
            if (cas) {
                p.put("cloudtask.mrs.session.login", "cas");
                p.put("cloudtask.mrs.session.cas-url", stub.url());
            }
            CloudAuth auth = CloudAuth.fromConfig(TestSupport.config(p), clock);
            note(auth.filter(CloudService.MRS));
            Client client = ClientBuilder.newBuilder().trustStore(trust).build()
                    .register(new CloudAuthFilter(CloudService.MRS, auth));
            String url = stub.url() + "/web/v1/common/command/7/progress";
            assertEquals(200, get(client, url));
            stub.expireSessions();
            assertEquals(401, get(client, url));
            clock.advance(Duration.ofMinutes(10));
            assertTrue(auth.refresh(CloudService.MRS, null));
            assertEquals(200, get(client, url));
            note(((MrsSessionFilter) auth.filter(CloudService.MRS)).session());

            p.put("cloudtask.mrs.session.password", WRONG_PASSWORD);
            if (!cas) {
                // a normal cluster sends no password: a wrong login path is its final failure
                p.put("cloudtask.mrs.session.login-check-path", "/web/login_check");
            }
            CloudAuth bad = CloudAuth.fromConfig(TestSupport.config(p), clock);
            Client badClient = ClientBuilder.newBuilder().trustStore(trust).build()
                    .register(new CloudAuthFilter(CloudService.MRS, bad));
            assertEquals(-1, get(badClient, url));
            try {
                bad.refresh(CloudService.MRS, null);
            } catch (CloudAuthException e) {
                record(e);
            }

            p.remove("cloudtask.mrs.session.truststore");
            p.remove("cloudtask.mrs.session.login-check-path");
            p.put("cloudtask.mrs.session.password", MrsStub.PASSWORD);
            CloudAuth untrusted = CloudAuth.fromConfig(TestSupport.config(p), clock);
            try {
                untrusted.refresh(CloudService.MRS, null);
            } catch (CloudAuthException e) {
                record(e);
            }
            client.close();
            badClient.close();
            // CAS service tickets (ST-...) travel in the login_check URL by protocol design, are single
            // use and consumed at once; HTTP-level FINE logs show request URLs, so they are not checked.
            secrets.addAll(stub.issued.stream().filter(v -> !v.startsWith("ST-")).toList());
        }
    }

    private void runConfigErrors() {
        List<Map<String, String>> broken = List.of(
                Map.of("cloudtask.cce.auth", "iam", "cloudtask.cce.iam.password", IamStub.PASSWORD),
                Map.of("cloudtask.dws.auth", "aksk", "cloudtask.dws.aksk.secret-key", SigningStub.SK),
                Map.of("cloudtask.mrs.auth", "mrs-session", "cloudtask.mrs.session.password", MrsStub.PASSWORD,
                        "cloudtask.mrs.session.user", "u", "cloudtask.mrs.session.manager-url", "https://10.0.0.1:28443",
                        "cloudtask.mrs.session.truststore", dir.resolve("missing.p12").toString(),
                        "cloudtask.mrs.session.truststore-password", TestCerts.TRUST_PASSWORD),
                Map.of("cloudtask.cce.auth", "token", "cloudtask.cce.token", STATIC_TOKEN, "cloudtask.dcs.auth", "kerberos"));
        for (Map<String, String> p : broken) {
            try {
                CloudAuth.fromConfig(TestSupport.config(p), clock);
            } catch (IllegalArgumentException e) {
                record(e);
            }
        }
    }
}
