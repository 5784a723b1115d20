package dev.cloudtask.auth;

import jakarta.ws.rs.client.ClientRequestFilter;

/**
 * A request filter that adds one kind of credential and can renew it after an HTTP 401.
 */
interface Authenticator extends ClientRequestFilter {
    /**
     * Renews the credential after a request for {@code projectId} was answered with HTTP 401.
     *
     * @param projectId the project of the failed request, or null
     * @return true when a fresh credential is available and repeating the request is worthwhile
     * @throws CloudAuthException when the server refused the credentials
     */
    boolean refresh(String projectId);
}
