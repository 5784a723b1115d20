package dev.cloudtask.auth;

import java.util.Locale;

/**
 * How requests to one service are authenticated, chosen with {@code cloudtask.<service>.auth}.
 */
public enum AuthMode {
    /** No credential is added (the simulator without auth, or a proxy that authenticates). */
    NONE("none"),
    /** A fixed IAM token from configuration, sent as {@code X-Auth-Token}; never refreshed. */
    TOKEN("token"),
    /** An IAM token obtained with user and password, cached per project and refreshed. */
    IAM("iam"),
    /** API Gateway AK/SK request signing ({@code SDK-HMAC-SHA256}). */
    AKSK("aksk"),
    /** MRS Manager session cookie after a direct or CAS login (MRS only). */
    MRS_SESSION("mrs-session");

    private final String id;

    AuthMode(String id) {
        this.id = id;
    }

    /** The configuration value, e.g. {@code mrs-session}. */
    public String id() {
        return id;
    }

    /**
     * Parses a configuration value (case-insensitive).
     *
     * @param key the config key, named in the error message
     * @param value the value as configured
     * @throws IllegalArgumentException naming the key and value when it is not a known mode
     */
    public static AuthMode parse(String key, String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (AuthMode m : values()) {
            if (m.id.equals(v)) {
                return m;
            }
        }
        throw new IllegalArgumentException("config key '" + key + "' has value '" + value
                + "': expected one of none, token, iam, aksk, mrs-session");
    }
}
