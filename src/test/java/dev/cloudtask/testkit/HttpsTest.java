package dev.cloudtask.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** HTTPS with a generated self-signed certificate, trusted only through the generated trust store. */
class HttpsTest {

    @Test
    void https_clientTrustingGeneratedStore_pollsWithHostnameVerification() throws Exception {
        try (CloudSimulator sim = CloudSimulator.builder().clock(VirtualClock.create()).https()
                .managerSessionRequired(true).start()) {
            assertTrue(sim.baseUrl().startsWith("https://127.0.0.1:"));
            TlsMaterial tls = sim.tls().orElseThrow();
            KeyStore ts = KeyStore.getInstance(TlsMaterial.TYPE);
            try (InputStream in = Files.newInputStream(tls.trustStore())) {
                ts.load(in, tls.password().toCharArray());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            SimHttp trusted = new SimHttp(sim, HttpClient.newBuilder().sslContext(ctx).build());
            TaskRef ref = sim.createTask(CloudService.DWS, Timeline.builder().build());
            assertEquals(200, trusted.get(SimHttp.pollPath(ref)).statusCode());

            var login = trusted.get("/web/v1/access/login_check");
            assertTrue(login.headers().firstValue("Set-Cookie").orElseThrow().contains("; Secure"),
                    "session cookies are Secure over HTTPS");

            SimHttp untrusted = new SimHttp(sim, HttpClient.newHttpClient());
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> untrusted.get(SimHttp.pollPath(ref)));
            assertTrue(e.getCause() instanceof SSLHandshakeException, e.getCause().toString());
        }
    }
}
