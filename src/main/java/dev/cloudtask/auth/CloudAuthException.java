package dev.cloudtask.auth;

/**
 * Obtaining a credential failed: the identity service or the MRS Manager refused the login, or
 * could not be reached.
 *
 * <p>{@link #isRejected()} tells a failure that repeating cannot mend from one that may pass
 * (network, 5xx, 429). Final are: refused credentials (wrong user name or password, unknown
 * project, a password that must be changed first) and any other client error of the login or
 * token endpoint, such as 404 for a wrong URL or path. A final failure is remembered: later
 * requests fail at once with the same exception instead of asking the server again, and a wait
 * that meets it ends at once with exit status {@code ERROR:}{@value #ERROR_CODE}. The message
 * names the URL, the HTTP status, the user and the config keys to check, and never contains a
 * password, key, token or cookie.
 */
public class CloudAuthException extends RuntimeException {
    /** The error code of a wait that ended because a credential could not be obtained. */
    public static final String ERROR_CODE = "AUTHENTICATION";

    private static final long serialVersionUID = 1L;

    private final boolean rejected;

    /**
     * @param message what failed, free of secrets
     * @param rejected true when repeating cannot help (refused credentials, a client error)
     * @param cause the underlying failure, or null
     */
    public CloudAuthException(String message, boolean rejected, Throwable cause) {
        super(message, cause);
        this.rejected = rejected;
    }

    /** True when repeating the login cannot help: refused credentials or a client error such as 404. */
    public boolean isRejected() {
        return rejected;
    }
}
