package dev.cloudtask.auth;

/**
 * Obtaining a credential failed: the identity service or the MRS Manager refused the login, or
 * could not be reached.
 *
 * <p>{@link #isRejected()} tells a definite refusal (wrong user name or password, unknown project)
 * from a failure that may pass (network, 5xx). A rejected login is remembered: later requests
 * fail at once with the same exception instead of asking the server again, so a wrong password
 * never turns into a retry loop. The message names the user, the server and the config keys to
 * check, and never contains a password, key, token or cookie.
 */
public class CloudAuthException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean rejected;

    /**
     * @param message what failed, free of secrets
     * @param rejected true when the server definitely refused the credentials
     * @param cause the underlying failure, or null
     */
    public CloudAuthException(String message, boolean rejected, Throwable cause) {
        super(message, cause);
        this.rejected = rejected;
    }

    /** True when the server refused the credentials; repeating the login cannot help. */
    public boolean isRejected() {
        return rejected;
    }
}
