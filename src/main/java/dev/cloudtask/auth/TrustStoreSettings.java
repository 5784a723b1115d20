package dev.cloudtask.auth;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A trust store holding the certificates (or their CA) that a server must present, for example
 * the self-signed certificate of an MRS cluster.
 *
 * <p>The resulting {@link SSLContext} trusts exactly the store's certificates; host-name
 * verification stays on (the JDK HTTP client checks it for every HTTPS request). There is
 * deliberately no way to trust every certificate.
 *
 * @param key the config key the location came from, named in error messages
 * @param location a file path, {@code file:} URL or {@code classpath:} resource
 * @param password the store password, or null for a store without one
 * @param type the key store type, {@code PKCS12} by default ({@code JKS} also works)
 */
public record TrustStoreSettings(String key, String location, Secret password, String type) {
    /** The store type used when none is configured. */
    public static final String DEFAULT_TYPE = "PKCS12";

    public TrustStoreSettings {
        Objects.requireNonNull(key, "key");
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException(key + " is blank: expected the path of a trust store");
        }
        type = type == null || type.isBlank() ? DEFAULT_TYPE : type.trim();
    }

    /**
     * Loads the store and builds a TLS context that trusts its certificates only.
     *
     * @throws IllegalArgumentException naming the key and location when the store cannot be read
     */
    public SSLContext sslContext() {
        try (InputStream in = open()) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password == null ? null : password.reveal().toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("config key '" + key + "' names trust store '" + location
                    + "', which does not exist");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("config key '" + key + "' names trust store '" + location
                    + "' (type " + type + "), which cannot be read: " + e.getClass().getSimpleName()
                    + " (check the type and the password)", e);
        }
    }

    private InputStream open() throws IOException {
        if (location.startsWith("classpath:")) {
            String name = location.substring("classpath:".length()).replaceFirst("^/+", "");
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            InputStream in = (cl != null ? cl : TrustStoreSettings.class.getClassLoader()).getResourceAsStream(name);
            if (in == null) {
                throw new NoSuchFileException(location);
            }
            return in;
        }
        Path path = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        return Files.newInputStream(path);
    }

    /**
     * The HTTP client used for logins (IAM token, MRS Manager): no redirects followed, TLS trusted
     * through {@code trustStore} when given (else the JVM's default trust), host names checked.
     */
    static HttpClient loginClient(Duration connectTimeout, TrustStoreSettings trustStore) {
        HttpClient.Builder b = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (trustStore != null) {
            b.sslContext(trustStore.sslContext());
        }
        return b.build();
    }
}
