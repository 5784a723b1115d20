package dev.cloudtask.auth;

import jakarta.ws.rs.client.ClientRequestContext;
import java.util.Objects;

/**
 * Sends a fixed IAM token from configuration as {@code X-Auth-Token}. It cannot be renewed:
 * {@link #refresh(String)} answers false, so a 401 is reported as it is.
 */
public final class StaticTokenFilter implements Authenticator {
    private final Secret token;

    public StaticTokenFilter(Secret token) {
        this.token = Objects.requireNonNull(token, "token");
    }

    @Override
    public void filter(ClientRequestContext ctx) {
        ctx.getHeaders().putSingle(IamTokenFilter.AUTH_TOKEN_HEADER, token.reveal());
    }

    /** Always false: a configured token cannot be renewed. */
    @Override
    public boolean refresh(String projectId) {
        return false;
    }

    @Override
    public String toString() {
        return "StaticTokenFilter[token=" + token + "]";
    }
}
