package dev.cloudtask.auth;

import dev.cloudtask.CloudService;
import jakarta.ws.rs.client.ClientRequestContext;
import java.util.Objects;

/**
 * Sends an IAM token from an {@link IamTokenProvider} as {@code X-Auth-Token}.
 *
 * <p>The token is scoped to the project id found in the request path (CCE
 * {@code /projects/{id}/}, DCS {@code /v2/{id}/}, DWS {@code /v1.0/{id}/}), else to the provider's
 * configured default project. Fetching a token blocks the calling thread (bounded by the IAM
 * timeout); a failure surfaces as a {@link CloudAuthException} from the request.
 */
public final class IamTokenFilter implements Authenticator {
    /** The request header that carries an IAM token. */
    public static final String AUTH_TOKEN_HEADER = "X-Auth-Token";

    private final IamTokenProvider provider;
    private final CloudService service;

    /**
     * @param provider the token source (may be shared by several services)
     * @param service the service whose request paths carry the project id, or null to always use
     *     the provider's default project
     */
    public IamTokenFilter(IamTokenProvider provider, CloudService service) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.service = service;
    }

    @Override
    public void filter(ClientRequestContext ctx) {
        String project = ProjectPaths.projectId(service, ctx.getUri()).orElse(null);
        ctx.getHeaders().putSingle(AUTH_TOKEN_HEADER, provider.token(project).value().reveal());
    }

    /** Renews the project's token ({@link IamTokenProvider#refresh(String)}). */
    @Override
    public boolean refresh(String projectId) {
        return provider.refresh(projectId);
    }

    /** The provider behind this filter. */
    public IamTokenProvider provider() {
        return provider;
    }
}
