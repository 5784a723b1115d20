package dev.cloudtask.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Key material for the simulator's HTTPS: a key store for the server and a matching trust store
 * (certificate only) for clients. {@link #selfSigned()} generates both with the JDK's
 * {@code keytool} (RSA 2048, {@code CN=localhost}, SAN {@code IP:127.0.0.1,DNS:localhost}), so
 * clients keep host-name verification on and trust only this certificate.
 *
 * @param keyStore the server key store (PKCS12)
 * @param trustStore the client trust store (PKCS12, holding only the certificate), or null when unknown
 * @param password the password of both stores (test material, not a secret worth hiding)
 */
public record TlsMaterial(Path keyStore, Path trustStore, String password) {
    /** Store type of generated stores. */
    public static final String TYPE = "PKCS12";

    public TlsMaterial {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(password, "password");
    }

    /**
     * Generates a fresh self-signed key pair and trust store in a new temporary directory.
     *
     * @throws IllegalStateException when keytool is missing or fails
     */
    public static TlsMaterial selfSigned() {
        try {
            Path dir = Files.createTempDirectory("cloud-sim-tls");
            Path ks = dir.resolve("simulator-keystore.p12");
            Path ts = dir.resolve("simulator-truststore.p12");
            Path cert = dir.resolve("simulator.crt");
            String pw = "changeit-" + Ids.hex32().substring(0, 8);
            keytool("-genkeypair", "-alias", "simulator", "-keyalg", "RSA", "-keysize", "2048", "-validity", "7",
                    "-dname", "CN=localhost", "-ext", "SAN=IP:127.0.0.1,DNS:localhost", "-storetype", TYPE,
                    "-keystore", ks.toString(), "-storepass", pw, "-keypass", pw);
            keytool("-exportcert", "-alias", "simulator", "-keystore", ks.toString(), "-storepass", pw,
                    "-rfc", "-file", cert.toString());
            keytool("-importcert", "-noprompt", "-alias", "simulator", "-file", cert.toString(), "-storetype", TYPE,
                    "-keystore", ts.toString(), "-storepass", pw);
            return new TlsMaterial(ks, ts, pw);
        } catch (IOException e) {
            throw new IllegalStateException("cannot generate the simulator's TLS key store: " + e.getMessage(), e);
        }
    }

    private static void keytool(String... args) throws IOException {
        Path tool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> cmd = new ArrayList<>();
        cmd.add(Files.isExecutable(tool) ? tool.toString() : "keytool");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + out.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
    }

    /** A server TLS context from the key store. */
    SSLContext serverContext() {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore ks = KeyStore.getInstance(TYPE);
            ks.load(in, password.toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password.toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the simulator key store " + keyStore + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "TlsMaterial[keyStore=" + keyStore + ", trustStore=" + trustStore + ", password=***]";
    }
}
