package dev.cloudtask.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.CloudServiceException;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskState;
import dev.cloudtask.auth.CloudAuth;
import dev.cloudtask.auth.CloudAuthException;
import dev.cloudtask.auth.CloudAuthFilter;
import dev.cloudtask.client.CloudClients;
import dev.cloudtask.client.RestTaskStatusSource;
import dev.cloudtask.testkit.SimAuthMode;
import dev.cloudtask.testkit.CloudSimulator;
import dev.cloudtask.testkit.Endpoint;
import dev.cloudtask.testkit.Timeline;
import dev.cloudtask.testkit.TlsMaterial;
import dev.cloudtask.testkit.VirtualClock;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator over HTTPS with its generated self-signed certificate: the clients, the IAM token
 * call and the MRS Manager login trust it only through the configured trust store (host-name
 * verification on), and session cookies marked {@code Secure} go back over HTTPS.
 */
class HttpsAuthTest {
    private static final VirtualClock CLOCK = VirtualClock.create();
    private static CloudSimulator sim;
    private static TlsMaterial tls;

    @BeforeAll
    static void start() {
        sim = CloudSimulator.builder().clock(CLOCK).https().auth(SimAuthMode.IAM_TOKEN).managerSessionRequired(true).start();
        tls = sim.tls().orElseThrow();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static KeyStore trustStore() throws Exception {
        KeyStore ks = KeyStore.getInstance(TlsMaterial.TYPE);
        try (InputStream in = Files.newInputStream(tls.trustStore())) {
            ks.load(in, tls.password().toCharArray());
        }
        return ks;
    }

    private static Map<String, String> trusted(Map<String, String> base, String prefix) {
        Map<String, String> m = new HashMap<>(base);
        m.put(prefix + ".truststore", tls.trustStore().toString());
        m.put(prefix + ".truststore-password", tls.password());
        m.put(prefix + ".truststore-type", TlsMaterial.TYPE);
        return m;
    }

    private static RestTaskStatusSource source(CloudAuth auth) throws Exception {
        KeyStore trust = trustStore();
        CloudClients.Builder b = Polls.clients(sim).register(new CloudAuthFilter(null, auth));
        for (CloudService s : CloudService.values()) {
            b.customize(s, r -> r.trustStore(trust));
        }
        return b.build().taskStatusSource().withCredentialRefresh(auth::refresh);
    }

    @Test
    void iamOverHttps_trustStoreConfigured_tokenObtainedAndPollsSucceed() throws Exception {
        assertTrue(sim.baseUrl().startsWith("https://"));
        CloudAuth auth = AuthWiring.auth(trusted(AuthWiring.iam(sim, sim.credentials().iamPassword()), "cloudtask.iam"),
                CLOCK);
        RestTaskStatusSource source = source(auth);
        TaskRef ref = sim.createTask(CloudService.DWS, Timeline.builder().duration(Duration.ofHours(1)).build());
        assertEquals(TaskState.RUNNING, Polls.status(source, ref).state());
        sim.expireTokens();
        CLOCK.advance(Duration.ofSeconds(30));
        assertEquals(401, Polls.serviceError(source, ref).httpStatus());
        assertTrue(source.refreshCredentials(ref));
        assertEquals(TaskState.RUNNING, Polls.status(source, ref).state());
    }

    @Test
    void iamOverHttps_noTrustStore_clearNonRejectedErrorNamingTheKey() throws Exception {
        CloudAuth auth = AuthWiring.auth(AuthWiring.iam(sim, sim.credentials().iamPassword()), CLOCK);
        RestTaskStatusSource source = source(auth);
        TaskRef ref = sim.createTask(CloudService.CCE, Timeline.builder().build());
        Throwable t = Polls.failure(source, ref);
        CloudAuthException e = null;
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CloudAuthException a) {
                e = a;
            }
        }
        assertTrue(e != null, "a CloudAuthException in " + t);
        assertFalse(e.isRejected(), "an untrusted certificate is not a refused password");
        assertTrue(e.getMessage().contains("truststore"), e.getMessage());
    }

    @Test
    void mrsSessionOverHttps_trustStoreFromConfig_secureCookieSentAndReloginWorks() throws Exception {
        CloudAuth auth = AuthWiring.auth(trusted(AuthWiring.mrs(sim, "direct", sim.credentials().managerPassword()),
                "cloudtask.mrs.session"), CLOCK);
        AuthWiring.HeaderRecorder sent = new AuthWiring.HeaderRecorder();
        KeyStore trust = trustStore();
        RestTaskStatusSource source = Polls.clients(sim).register(new CloudAuthFilter(null, auth)).register(sent)
                .customize(CloudService.MRS, r -> r.trustStore(trust)).build().taskStatusSource()
                .withCredentialRefresh(auth::refresh);
        TaskRef ref = sim.createTask(CloudService.MRS, Timeline.builder().duration(Duration.ofHours(1)).build());
        assertEquals(TaskState.RUNNING, Polls.status(source, ref).state());
        assertTrue(sent.last().cookie().startsWith("JSESSIONID="), sent.last().cookie());
        sim.expireSessions();
        CLOCK.advance(Duration.ofSeconds(30));
        CloudServiceException expired = Polls.serviceError(source, ref);
        assertEquals("12002", expired.errorCode());
        assertTrue(source.refreshCredentials(ref));
        assertEquals(TaskState.RUNNING, Polls.status(source, ref).state());
        assertEquals(2, sim.journal().entries(e -> e.endpoint() == Endpoint.MANAGER_LOGIN).size());
    }
}
