package dev.cloudtask.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed certificates made with the JDK's {@code keytool} (run as a process) into a temp
 * directory: a server key store and a trust store holding only that server's certificate.
 */
final class TestCerts {
    static final String STORE_PASSWORD = "store-pass-123";
    static final String TRUST_PASSWORD = "trust-pass-456";

    final Path keyStore;
    final Path trustStore;

    private TestCerts(Path keyStore, Path trustStore) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
    }

    /**
     * @param dir where to write the stores
     * @param name a file-name prefix
     * @param san the subject alternative name, e.g. {@code ip:127.0.0.1} or {@code dns:other.example}
     */
    static TestCerts create(Path dir, String name, String san) throws IOException, InterruptedException {
        Path ks = dir.resolve(name + "-server.p12");
        Path cert = dir.resolve(name + ".pem");
        Path ts = dir.resolve(name + "-trust.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=" + name, "-ext", "san=" + san, "-storetype", "PKCS12", "-keystore", ks.toString(),
                "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", ks.toString(), "-storepass", STORE_PASSWORD,
                "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", ts.toString(), "-storepass", TRUST_PASSWORD);
        return new TestCerts(ks, ts);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " failed: " + out);
        }
    }
}
