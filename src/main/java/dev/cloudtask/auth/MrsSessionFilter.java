package dev.cloudtask.auth;

import jakarta.ws.rs.client.ClientRequestContext;
import java.util.Objects;

/**
 * Sends the {@link MrsSession}'s cookies ({@code JSESSIONID}) with every MRS Manager API request,
 * logging in on the first request. {@link #refresh(String)} logs in again (after HTTP 401
 * "Session expired.", error 12002).
 */
public final class MrsSessionFilter implements Authenticator {
    private final MrsSession session;

    public MrsSessionFilter(MrsSession session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    @Override
    public void filter(ClientRequestContext ctx) {
        session.cookieHeader(ctx.getUri()).ifPresent(c -> ctx.getHeaders().add("Cookie", c));
    }

    /** Logs in again ({@link MrsSession#renew()}); the project id is ignored. */
    @Override
    public boolean refresh(String projectId) {
        return session.renew();
    }

    /** The session behind this filter. */
    public MrsSession session() {
        return session;
    }
}
