package dev.cloudtask.auth;

import javax.net.ssl.SSLException;

/** Adds a hint about the trust store to messages of TLS failures. */
final class TlsHints {
    private TlsHints() {
    }

    /** A hint naming the trust-store key when {@code e} (or a cause) is a TLS failure, else "". */
    static String hint(Throwable e, String trustStoreKey) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return " (the server's certificate is not trusted or does not match its host name;"
                        + " put it or its CA into the trust store named by " + trustStoreKey + ")";
            }
        }
        return "";
    }
}
