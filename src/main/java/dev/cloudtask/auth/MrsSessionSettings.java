package dev.cloudtask.auth;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to log in to an MRS Manager. The password is a {@link Secret}: {@code toString()} never shows it.
 *
 * @param managerUrl the Manager base URL, e.g. {@code https://192.168.0.10:28443}
 * @param casUrl the CAS base URL of a Kerberos cluster (e.g. {@code https://192.168.0.10:20009}),
 *     or null for a normal cluster (direct {@code login_check})
 * @param user the Manager user
 * @param password the user's password
 * @param timeout connect and request timeout of each login call
 * @param trustStore the trust store with the cluster's certificate, or null for the JVM default
 * @param keyPrefix the config keys these settings came from (e.g. {@code cloudtask.mrs.session}), for messages
 */
public record MrsSessionSettings(URI managerUrl, URI casUrl, String user, Secret password, Duration timeout,
        TrustStoreSettings trustStore, String keyPrefix) {
    /** Default {@link #timeout}: 30 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public MrsSessionSettings {
        Objects.requireNonNull(managerUrl, "managerUrl");
        Objects.requireNonNull(password, "password");
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("MRS Manager user '" + user + "' is blank");
        }
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("MRS login timeout '" + timeout + "' must be positive");
        }
        keyPrefix = keyPrefix == null ? "MRS session settings" : keyPrefix;
    }

    /** Whether the CAS flow (Kerberos cluster) is used instead of the direct login. */
    public boolean usesCas() {
        return casUrl != null;
    }

    /** {@code {manager}/web/login_check}, also the CAS {@code service} parameter. */
    public URI loginCheck() {
        return URI.create(base(managerUrl) + "/web/login_check");
    }

    static String base(URI uri) {
        return uri.toString().replaceAll("/+$", "");
    }
}
