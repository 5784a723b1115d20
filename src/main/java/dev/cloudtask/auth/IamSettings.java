package dev.cloudtask.auth;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to obtain IAM tokens with the password method.
 *
 * <p>The password is a {@link Secret}, so {@code toString()} never shows it.
 *
 * @param url the IAM endpoint without {@code /v3}, e.g. {@code https://iam.eu-de.otc.t-systems.com}
 * @param user the IAM user name
 * @param password the user's password
 * @param domain the domain (account) name the user belongs to
 * @param projectId the default project scope by id, or null
 * @param projectName the default project scope by name (e.g. {@code eu-de}), or null; used when
 *     {@code projectId} is null
 * @param refreshAhead how long before {@code expires_at} a token is replaced (capped at half its life)
 * @param timeout connect and request timeout of the token call
 * @param trustStore the trust store for the IAM endpoint, or null for the JVM's default trust
 * @param keyPrefix the config keys these settings came from (e.g. {@code cloudtask.cce.iam}), for messages
 */
public record IamSettings(URI url, String user, Secret password, String domain, String projectId,
        String projectName, Duration refreshAhead, Duration timeout, TrustStoreSettings trustStore,
        String keyPrefix) {
    /** Default {@link #refreshAhead}: 10 minutes. */
    public static final Duration DEFAULT_REFRESH_AHEAD = Duration.ofMinutes(10);
    /** Default {@link #timeout}: 30 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public IamSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(password, "password");
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("IAM user '" + user + "' is blank");
        }
        if (domain == null || domain.isBlank()) {
            throw new IllegalArgumentException("IAM domain '" + domain + "' is blank");
        }
        refreshAhead = refreshAhead == null ? DEFAULT_REFRESH_AHEAD : refreshAhead;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("IAM timeout '" + timeout + "' must be positive");
        }
        keyPrefix = keyPrefix == null ? "IAM settings" : keyPrefix;
    }

    /** The token endpoint {@code {url}/v3/auth/tokens}. */
    public URI tokenEndpoint() {
        String base = url.toString().replaceAll("/+$", "");
        if (base.endsWith("/v3")) {
            base = base.substring(0, base.length() - 3);
        }
        return URI.create(base + "/v3/auth/tokens");
    }
}
