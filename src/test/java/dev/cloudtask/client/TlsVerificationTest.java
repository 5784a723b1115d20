package dev.cloudtask.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskState;
import dev.cloudtask.cce.CceJobClient;
import dev.cloudtask.dcs.DcsTaskClient;
import dev.cloudtask.dws.DwsJobClient;
import dev.cloudtask.mrs.MrsCommandClient;
import dev.cloudtask.testkit.CloudSimulator;
import dev.cloudtask.testkit.Timeline;
import dev.cloudtask.testkit.TlsMaterial;
import dev.cloudtask.testkit.VirtualClock;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.jboss.resteasy.microprofile.client.RestClientExtension;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate and host-name checks stay on: a self-signed HTTPS simulator is refused without a trust
 * store and accepted with one, through {@link CloudClients} and through the MicroProfile REST client
 * configuration keys ({@code cloudtask-<svc>/mp-rest/trustStore}); a trusted certificate issued for
 * another host name is still refused. The simulator listens only on loopback.
 */
class TlsVerificationTest {
    static CloudSimulator sim;
    static KeyStore trust;
    static TaskRef task;

    @TempDir
    static Path dir;

    WeldContainer container;

    @BeforeAll
    static void start() throws Exception {
        sim = CloudSimulator.builder().clock(VirtualClock.create()).https().start();
        TlsMaterial tls = sim.tls().orElseThrow();
        trust = KeyStore.getInstance(TlsMaterial.TYPE);
        try (InputStream in = Files.newInputStream(tls.trustStore())) {
            trust.load(in, tls.password().toCharArray());
        }
        task = sim.createTask(CloudService.DWS, Timeline.builder().build());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void shutdownContainer() {
        if (container != null) {
            container.shutdown();
        }
        MutableConfigSource.VALUES.clear();
    }

    private static boolean hasSslCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    @Test
    void cloudClients_selfSignedServerWithoutTrustStore_refused() {
        CloudClients clients = CloudClients.builder().endpoint(CloudService.DWS, sim.baseUri()).build();
        int before = sim.journal().entries().size();
        RuntimeException e = assertThrows(RuntimeException.class, () -> CloudCalls.job(clients.dws(), task.projectId(), task.taskId()));
        assertTrue(hasSslCause(e), "an SSL failure: " + e);
        assertEquals(before, sim.journal().entries().size(), "no request reached the server");
    }

    @Test
    void cloudClients_selfSignedServerWithTrustStore_accepted() {
        CloudClients clients = CloudClients.builder().endpoint(CloudService.DWS, sim.baseUri())
                .customize(CloudService.DWS, b -> b.trustStore(trust)).build();
        String status = CloudCalls.job(clients.dws(), task.projectId(), task.taskId()).status();
        assertTrue("INIT".equals(status) || "RUNNING".equals(status), status);
    }

    @Test
    void cloudClients_trustedCertificateForAnotherHostName_refused() throws Exception {
        TlsMaterial other = otherHostMaterial(dir.resolve("other"));
        try (CloudSimulator wrongName = CloudSimulator.builder().clock(VirtualClock.create()).https(other).start()) {
            TaskRef t = wrongName.createTask(CloudService.DWS, Timeline.builder().build());
            KeyStore otherTrust = KeyStore.getInstance(TlsMaterial.TYPE);
            try (InputStream in = Files.newInputStream(other.trustStore())) {
                otherTrust.load(in, other.password().toCharArray());
            }
            CloudClients clients = CloudClients.builder().endpoint(CloudService.DWS, wrongName.baseUri())
                    .customize(CloudService.DWS, b -> b.trustStore(otherTrust)).build();
            RuntimeException e = assertThrows(RuntimeException.class, () -> CloudCalls.job(clients.dws(), t.projectId(), t.taskId()));
            assertTrue(hasSslCause(e), "a host-name failure: " + e);
            assertTrue(wrongName.journal().entries().isEmpty(), "no request was sent");
        }
    }

    private WeldContainer cdi() {
        MutableConfigSource.VALUES.put("cloudtask-dws/mp-rest/url", sim.baseUrl());
        return new Weld("cloudtask-tls-test").disableDiscovery()
                .addExtension(new RestClientExtension())
                .addBeanClasses(RestTaskStatusSource.class, CceJobClient.class, DcsTaskClient.class,
                        DwsJobClient.class, MrsCommandClient.class)
                .initialize();
    }

    @Test
    void mpRestConfig_noTrustStoreKey_refused() {
        container = cdi();
        RestTaskStatusSource source = container.select(RestTaskStatusSource.class).get();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> source.fetch(task).toCompletableFuture().get(20, TimeUnit.SECONDS));
        assertTrue(hasSslCause(e), "an SSL failure: " + e);
    }

    @Test
    void mpRestConfig_trustStoreKeys_accepted() throws Exception {
        TlsMaterial tls = sim.tls().orElseThrow();
        MutableConfigSource.VALUES.put("cloudtask-dws/mp-rest/trustStore", tls.trustStore().toUri().toString());
        MutableConfigSource.VALUES.put("cloudtask-dws/mp-rest/trustStorePassword", tls.password());
        MutableConfigSource.VALUES.put("cloudtask-dws/mp-rest/trustStoreType", TlsMaterial.TYPE);
        container = cdi();
        RestTaskStatusSource source = container.select(RestTaskStatusSource.class).get();
        TaskState state = source.fetch(task).toCompletableFuture().get(20, TimeUnit.SECONDS).state();
        assertInstanceOf(TaskState.class, state);
        assertTrue(state == TaskState.RUNNING || state == TaskState.UNKNOWN, state.toString());
    }

    @Test
    void simulator_anyInstance_boundToLoopbackOnly() throws Exception {
        try (CloudSimulator plain = CloudSimulator.builder().start()) {
            for (CloudSimulator s : List.of(sim, plain)) {
                InetSocketAddress bound = s.boundAddress();
                assertTrue(bound.getAddress().isLoopbackAddress(), "bound to " + bound);
                assertEquals(s.port(), bound.getPort());
                for (InetAddress other : nonLoopbackAddresses()) {
                    IOException refused = assertThrows(IOException.class, () -> {
                        try (Socket socket = new Socket()) {
                            socket.connect(new InetSocketAddress(other, s.port()), 2000);
                        }
                    }, "reachable on " + other);
                    assertTrue(refused.getMessage() != null, "refused on " + other);
                }
            }
        }
    }

    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        List<InetAddress> out = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                        out.add(a);
                    }
                }
            }
        }
        return out;
    }

    /** A self-signed certificate for {@code other.invalid} only, and a trust store holding it. */
    private static TlsMaterial otherHostMaterial(Path where) throws Exception {
        Files.createDirectories(where);
        Path ks = where.resolve("ks.p12");
        Path ts = where.resolve("ts.p12");
        Path cert = where.resolve("c.crt");
        String pw = "test-only-pw";
        keytool("-genkeypair", "-alias", "other", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=other.invalid", "-ext", "SAN=DNS:other.invalid", "-storetype", "PKCS12",
                "-keystore", ks.toString(), "-storepass", pw, "-keypass", pw);
        keytool("-exportcert", "-alias", "other", "-keystore", ks.toString(), "-storepass", pw, "-rfc",
                "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "other", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", ts.toString(), "-storepass", pw);
        return new TlsMaterial(ks, ts, pw);
    }

    private static void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
    }
}
