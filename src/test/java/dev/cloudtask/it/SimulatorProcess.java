package dev.cloudtask.it;

import dev.cloudtask.testkit.CloudSimulator;
import dev.cloudtask.testkit.SimAuthMode;
import dev.cloudtask.testkit.TlsMaterial;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Starts the simulator for {@link SimulatorExtension} on the client side only (this class is not
 * deployed to the servers): real clock, no authentication, the given loopback port. The tests make
 * tasks short through the operation endpoints' {@code sim-duration} parameter. Where
 * {@value SimulatorExtension#HTTPS_PORT_PROPERTY} is set, a second simulator serves HTTPS there with a
 * self-signed certificate (one per JVM), whose trust store goes to
 * {@value SimulatorExtension#TRUST_STORE_PROPERTY}, and demands a Manager session from MRS requests.
 * Where {@value SimulatorExtension#AUTH_PORT_PROPERTY} is set, a third one demands an IAM token or an
 * AK/SK signature from CCE, DCS and DWS requests.
 */
final class SimulatorProcess {

    private static final Logger LOG = Logger.getLogger(SimulatorProcess.class.getName());
    /** One certificate per test JVM: a server started for the first test class keeps trusting it. */
    private static TlsMaterial tls;

    private SimulatorProcess() {
    }

    static AutoCloseable start(int port) {
        CloudSimulator simulator = CloudSimulator.builder().port(port).start();
        LOG.info(() -> "cloud simulator for the servers under test at " + simulator.baseUrl());
        List<CloudSimulator> started = new ArrayList<>(List.of(simulator));
        try {
            String httpsPort = System.getProperty(SimulatorExtension.HTTPS_PORT_PROPERTY);
            if (httpsPort != null) {
                String trustStore = System.getProperty(SimulatorExtension.TRUST_STORE_PROPERTY);
                if (trustStore == null) {
                    throw new IllegalArgumentException("system property '" + SimulatorExtension.HTTPS_PORT_PROPERTY
                            + "' is set, '" + SimulatorExtension.TRUST_STORE_PROPERTY + "' is not: expected both");
                }
                // MRS Manager over TLS: requests need the session of a Manager login
                CloudSimulator https = CloudSimulator.builder().port(port(httpsPort))
                        .https(material(Path.of(trustStore))).managerSessionRequired(true).start();
                started.add(https);
                LOG.info(() -> "HTTPS cloud simulator at " + https.baseUrl() + ", its trust store at " + trustStore);
            }
            String authPort = System.getProperty(SimulatorExtension.AUTH_PORT_PROPERTY);
            if (authPort != null) {
                CloudSimulator auth = CloudSimulator.builder().port(port(authPort))
                        .auth(SimAuthMode.IAM_TOKEN_OR_AKSK).start();
                started.add(auth);
                LOG.info(() -> "cloud simulator demanding IAM tokens or AK/SK signatures at " + auth.baseUrl());
            }
        } catch (RuntimeException e) {
            started.forEach(CloudSimulator::close);
            throw e;
        }
        return () -> {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
        };
    }

    private static int port(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("simulator port '" + value + "' is not a number", e);
        }
    }

    /** The JVM's key material: made, and its trust store written to {@code trustStore}, on first use. */
    private static synchronized TlsMaterial material(Path trustStore) {
        if (tls == null) {
            TlsMaterial made = TlsMaterial.selfSigned();
            copyTrustStore(made, trustStore);
            tls = made;
        }
        return tls;
    }

    /** Writes the certificate of {@code tls} to {@code target} as a PKCS12 trust store with the tests' password. */
    private static void copyTrustStore(TlsMaterial tls, Path target) {
        try (InputStream in = Files.newInputStream(tls.trustStore())) {
            KeyStore store = KeyStore.getInstance(TlsMaterial.TYPE);
            store.load(in, tls.password().toCharArray());
            Files.createDirectories(target.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(target)) {
                store.store(out, SimulatorExtension.TRUST_STORE_PASSWORD.toCharArray());
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot write the HTTPS simulator's trust store to '" + target + "'", e);
        }
    }
}
