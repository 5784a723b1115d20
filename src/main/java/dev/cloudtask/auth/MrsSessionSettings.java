package dev.cloudtask.auth;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to log in to an MRS Manager. The password is a {@link Secret}: {@code toString()} never shows it.
 *
 * @param managerUrl the Manager base URL, e.g. {@code https://192.168.0.10:28443}
 * @param casUrl the CAS base URL of a security (Kerberos) cluster, e.g. {@code https://192.168.0.10:20009},
 *     or null for a normal cluster, whose Manager opens a session at {@code login_check} directly
 * @param user the Manager user; required for a security cluster, shown in messages only otherwise
 * @param password the user's password; required for a security cluster, never sent to a normal one
 * @param timeout connect and request timeout of each login call
 * @param trustStore the trust store with the cluster's certificate, or null for the JVM default
 * @param keyPrefix the config keys these settings came from (e.g. {@code cloudtask.mrs.session}), for messages
 * @param paths the login paths on the CAS and the Manager
 */
public record MrsSessionSettings(URI managerUrl, URI casUrl, String user, Secret password, Duration timeout,
        TrustStoreSettings trustStore, String keyPrefix, Paths paths) {
    /** Default {@link #timeout}: 30 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * The login paths, as the MRS Manager API reference documents them ("API Calling Process",
     * "Logging In to the CAS", "Checking the Login").
     *
     * @param casLogin the CAS login page and form target on the CAS URL ({@value #DEFAULT_CAS_LOGIN})
     * @param casService the Manager page the CAS login is for, its {@code service} parameter
     *     ({@value #DEFAULT_CAS_SERVICE})
     * @param loginCheck the Manager page that opens the session ({@value #DEFAULT_LOGIN_CHECK})
     */
    public record Paths(String casLogin, String casService, String loginCheck) {
        /** Default {@link #casLogin}. */
        public static final String DEFAULT_CAS_LOGIN = "/cas/login";
        /** Default {@link #casService}. */
        public static final String DEFAULT_CAS_SERVICE = "/web/cas_security_check.htm";
        /** Default {@link #loginCheck}. */
        public static final String DEFAULT_LOGIN_CHECK = "/web/v1/access/login_check";
        /** The documented paths. */
        public static final Paths DEFAULTS = new Paths(DEFAULT_CAS_LOGIN, DEFAULT_CAS_SERVICE, DEFAULT_LOGIN_CHECK);

        public Paths {
            casLogin = path("casLogin", casLogin, DEFAULT_CAS_LOGIN);
            casService = path("casService", casService, DEFAULT_CAS_SERVICE);
            loginCheck = path("loginCheck", loginCheck, DEFAULT_LOGIN_CHECK);
        }

        private static String path(String name, String value, String dflt) {
            if (value == null || value.isBlank()) {
                return dflt;
            }
            String v = value.trim();
            if (!v.startsWith("/") || v.contains("?") || v.contains("#") || v.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("MRS login path " + name + " '" + value
                        + "' must be an absolute path such as " + dflt + ", without query or spaces");
            }
            return v;
        }
    }

    public MrsSessionSettings {
        Objects.requireNonNull(managerUrl, "managerUrl");
        keyPrefix = keyPrefix == null ? "MRS session settings" : keyPrefix;
        paths = paths == null ? Paths.DEFAULTS : paths;
        if (casUrl != null) {
            if (user == null || user.isBlank()) {
                throw new IllegalArgumentException("MRS Manager user '" + user + "' is blank; a security cluster's"
                        + " CAS login needs it (" + keyPrefix + ".user)");
            }
            Objects.requireNonNull(password, "password");
        }
        user = user == null || user.isBlank() ? null : user.trim();
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("MRS login timeout '" + timeout + "' must be positive");
        }
    }

    /** Settings with the documented {@link Paths#DEFAULTS}. */
    public MrsSessionSettings(URI managerUrl, URI casUrl, String user, Secret password, Duration timeout,
            TrustStoreSettings trustStore, String keyPrefix) {
        this(managerUrl, casUrl, user, password, timeout, trustStore, keyPrefix, Paths.DEFAULTS);
    }

    /** Whether the CAS flow (security cluster) is used before {@code login_check}. */
    public boolean usesCas() {
        return casUrl != null;
    }

    /** {@code {manager}{loginCheck}}: opens the session. */
    public URI loginCheck() {
        return URI.create(base(managerUrl) + paths.loginCheck());
    }

    /** {@code {cas}{casLogin}}: the CAS login page; null for a normal cluster. */
    public URI casLogin() {
        return casUrl == null ? null : URI.create(base(casUrl) + paths.casLogin());
    }

    /** {@code {manager}{casService}}: the {@code service} the CAS login is for. */
    public URI casService() {
        return URI.create(base(managerUrl) + paths.casService());
    }

    static String base(URI uri) {
        return uri.toString().replaceAll("/+$", "");
    }
}
