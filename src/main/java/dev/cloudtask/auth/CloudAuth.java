package dev.cloudtask.auth;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The authentication of all four services, as configured with MicroProfile Config.
 *
 * <p>{@code cloudtask.<service>.auth} ({@code none}, {@code token}, {@code iam}, {@code aksk},
 * {@code mrs-session}) chooses the mechanism per service; the keys of each mechanism are listed on
 * the documentation's authentication page. All keys are read and checked when the instance is
 * created: a missing required key fails with an {@link IllegalArgumentException} naming it. Services with equal IAM settings
 * share one {@link IamTokenProvider}, hence one token cache.
 *
 * <p>Use {@link #shared()} (one instance per application {@link Config}) from filters and the
 * status source, so the filter that adds a credential and the 401 hook that renews it act on the
 * same cache. {@link #fromConfig(Config, Clock)} builds an independent instance, e.g. for tests.
 */
public final class CloudAuth {
    private static final Logger LOG = Logger.getLogger(CloudAuth.class.getName());
    private static final Map<Config, CloudAuth> SHARED = new WeakHashMap<>();
    private static final Authenticator NONE = new Authenticator() {
        @Override
        public void filter(ClientRequestContext ctx) {
            // no credential
        }

        @Override
        public boolean refresh(String projectId) {
            return false;
        }
    };

    private final Map<CloudService, AuthMode> modes = new EnumMap<>(CloudService.class);
    private final Map<CloudService, Authenticator> authenticators = new EnumMap<>(CloudService.class);

    private CloudAuth(Config config, Clock clock) {
        Map<List<Object>, IamTokenProvider> iamProviders = new HashMap<>();
        for (CloudService service : CloudService.values()) {
            AuthConfig c = new AuthConfig(config, service);
            AuthMode mode = c.mode();
            modes.put(service, mode);
            authenticators.put(service, create(c, mode, clock, iamProviders));
            LOG.log(Level.CONFIG, "Authentication for {0}: {1}", new Object[] {service.name(), mode.id()});
        }
    }

    /**
     * The instance for the application's configuration ({@link ConfigProvider#getConfig()}), created
     * on first use and then shared.
     *
     * @throws IllegalArgumentException naming the key when the configuration is incomplete or wrong
     */
    public static CloudAuth shared() {
        Config config = ConfigProvider.getConfig();
        synchronized (SHARED) {
            CloudAuth auth = SHARED.get(config);
            if (auth == null) {
                auth = new CloudAuth(config, Clock.systemUTC());
                SHARED.put(config, auth);
            }
            return auth;
        }
    }

    /** A new instance from {@code config} with the system clock; see {@link #fromConfig(Config, Clock)}. */
    public static CloudAuth fromConfig(Config config) {
        return fromConfig(config, Clock.systemUTC());
    }

    /**
     * A new, independent instance.
     *
     * @param config the configuration to read now
     * @param clock the clock for token expiry and {@code X-Sdk-Date}
     * @throws IllegalArgumentException naming the key when the configuration is incomplete or wrong
     */
    public static CloudAuth fromConfig(Config config, Clock clock) {
        return new CloudAuth(Objects.requireNonNull(config, "config"), Objects.requireNonNull(clock, "clock"));
    }

    /** The configured mode of a service. */
    public AuthMode mode(CloudService service) {
        return modes.get(Objects.requireNonNull(service, "service"));
    }

    /** The request filter that adds the service's credential (does nothing for {@link AuthMode#NONE}). */
    public ClientRequestFilter filter(CloudService service) {
        return authenticators.get(Objects.requireNonNull(service, "service"));
    }

    /**
     * Renews the credential of a service after a request was answered with HTTP 401; the hook for
     * {@code TaskStatusSource.refreshCredentials}.
     *
     * <ul>
     *   <li>{@code iam}: drops the project's cached token and fetches a new one (concurrent callers
     *       share one request; a token obtained within the last 5 s counts as fresh);</li>
     *   <li>{@code mrs-session}: logs in to the Manager again (same sharing);</li>
     *   <li>{@code none}, {@code token}, {@code aksk}: nothing can be renewed, answers false.</li>
     * </ul>
     *
     * @param service the service that answered 401
     * @param projectId the project of the request, or null for the configured default
     * @return true when a fresh credential is available and the request is worth repeating once
     * @throws CloudAuthException when the server refused the credentials (wrong password); this is
     *     final, repeating cannot help
     */
    public boolean refresh(CloudService service, String projectId) {
        return authenticators.get(Objects.requireNonNull(service, "service")).refresh(projectId);
    }

    /** {@link #refresh(CloudService, String)} for a task reference's service and project. */
    public boolean refresh(TaskRef ref) {
        return refresh(ref.service(), ref.projectId());
    }

    private static Authenticator create(AuthConfig c, AuthMode mode, Clock clock,
            Map<List<Object>, IamTokenProvider> iamProviders) {
        String why = c.key("auth") + "=" + mode.id();
        return switch (mode) {
            case NONE -> NONE;
            case TOKEN -> new StaticTokenFilter(c.secret("token", why));
            case AKSK -> new AkSkFilter(new AkSkCredentials(c.required("aksk.access-key", why),
                    c.secret("aksk.secret-key", why), c.optionalSecret("aksk.security-token").orElse(null),
                    c.optional("aksk.project-id").orElse(null)), clock, c.service());
            case IAM -> {
                IamSettings s = iamSettings(c, why);
                List<Object> sharingKey = Arrays.asList(s.url(), s.user(), s.password(), s.domain(), s.projectId(),
                        s.projectName(), s.refreshAhead(), s.timeout(), s.trustStore() == null ? null
                                : Arrays.asList(s.trustStore().location(), s.trustStore().password(), s.trustStore().type()));
                yield new IamTokenFilter(iamProviders.computeIfAbsent(sharingKey, k -> new IamTokenProvider(s, clock)),
                        c.service());
            }
            case MRS_SESSION -> new MrsSessionFilter(new MrsSession(mrsSettings(c, why), clock));
        };
    }

    private static IamSettings iamSettings(AuthConfig c, String why) {
        return new IamSettings(c.url("iam.url", c.required("iam.url", why)), c.required("iam.user", why),
                c.secret("iam.password", why), c.required("iam.domain", why), c.optional("iam.project-id").orElse(null),
                c.optional("iam.project-name").orElse(null),
                c.duration("iam.refresh-ahead", IamSettings.DEFAULT_REFRESH_AHEAD),
                c.duration("iam.timeout", IamSettings.DEFAULT_TIMEOUT),
                c.trustStore("iam", false).orElse(null), c.key("iam"));
    }

    private static MrsSessionSettings mrsSettings(AuthConfig c, String why) {
        if (c.service() != CloudService.MRS) {
            throw new IllegalArgumentException("config key '" + c.key("auth") + "' has value 'mrs-session': only the"
                    + " mrs service logs in to an MRS Manager");
        }
        String restUrlKey = c.service().configKey() + "/mp-rest/url";
        String managerText = c.optional("session.manager-url").or(() -> c.raw(restUrlKey))
                .orElseThrow(() -> new IllegalArgumentException("missing config key '" + c.key("session.manager-url")
                        + "' (or the MRS client's '" + restUrlKey + "'), required by " + why));
        URI manager = c.url("session.manager-url", managerText);
        String login = c.optional("session.login").orElse("direct").trim().toLowerCase(java.util.Locale.ROOT);
        URI cas;
        switch (login) {
            case "direct" -> cas = null;
            case "cas" -> cas = c.url("session.cas-url", c.optional("session.cas-url")
                    .orElse("https://" + manager.getRawAuthority().replaceFirst(":\\d+$", "") + ":20009"));
            default -> throw new IllegalArgumentException("config key '" + c.key("session.login") + "' has value '"
                    + login + "': expected direct or cas");
        }
        MrsSessionSettings.Paths paths;
        try {
            paths = new MrsSessionSettings.Paths(c.optional("session.cas-login-path").orElse(null),
                    c.optional("session.cas-service-path").orElse(null), c.optional("session.login-check-path").orElse(null));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config keys '" + c.key("session.cas-login-path") + "', '"
                    + c.key("session.cas-service-path") + "', '" + c.key("session.login-check-path") + "': "
                    + e.getMessage());
        }
        String whyCas = c.key("session.login") + "=cas";
        return new MrsSessionSettings(manager, cas,
                cas == null ? c.optional("session.user").orElse(null) : c.required("session.user", whyCas),
                cas == null ? c.optionalSecret("session.password").orElse(null) : c.secret("session.password", whyCas),
                c.duration("session.timeout", MrsSessionSettings.DEFAULT_TIMEOUT),
                c.trustStore("session", true).orElse(null), c.key("session"), paths);
    }

    @Override
    public String toString() {
        return "CloudAuth" + modes;
    }
}
