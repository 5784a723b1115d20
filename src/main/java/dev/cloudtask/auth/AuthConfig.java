package dev.cloudtask.auth;

import dev.cloudtask.CloudService;
import dev.cloudtask.internal.Durations;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Reads the authentication keys of one service from MicroProfile Config.
 *
 * <p>Every key {@code cloudtask.<service>.<suffix>} falls back to the shared
 * {@code cloudtask.<suffix>}, so three services behind one IAM need the IAM keys only once. Error
 * messages name the key; values of secret keys are never echoed.
 */
final class AuthConfig {
    static final String PREFIX = "cloudtask.";

    private final Config config;
    private final CloudService service;

    AuthConfig(Config config, CloudService service) {
        this.config = config;
        this.service = service;
    }

    CloudService service() {
        return service;
    }

    /** The service-specific key, e.g. {@code cloudtask.cce.iam.user}. */
    String key(String suffix) {
        return PREFIX + service.id() + "." + suffix;
    }

    /** The value of the service key, else of the shared key, else empty; blank counts as absent. */
    Optional<String> optional(String suffix) {
        Optional<String> own = raw(key(suffix));
        return own.isPresent() ? own : raw(PREFIX + suffix);
    }

    /** The value of a key outside the {@code cloudtask.} scheme (an MP Rest Client key). */
    Optional<String> raw(String key) {
        return config.getOptionalValue(key, String.class).map(String::trim).filter(v -> !v.isEmpty());
    }

    /**
     * The value of a required key.
     *
     * @param suffix the key suffix
     * @param why what requires it (e.g. {@code cloudtask.cce.auth=iam}), for the message
     * @throws IllegalArgumentException naming the key when neither it nor the shared key is set
     */
    String required(String suffix, String why) {
        return optional(suffix).orElseThrow(() -> missing(suffix, why));
    }

    /** A required secret, wrapped so it cannot be printed. */
    Secret secret(String suffix, String why) {
        return Secret.of(key(suffix), required(suffix, why));
    }

    /** An optional secret. */
    Optional<Secret> optionalSecret(String suffix) {
        return optional(suffix).map(v -> Secret.of(key(suffix), v));
    }

    IllegalArgumentException missing(String suffix, String why) {
        return new IllegalArgumentException("missing config key '" + key(suffix) + "' (or the shared '"
                + PREFIX + suffix + "'), required by " + why);
    }

    /** A duration key ({@code 30s}, {@code 10m}, ISO-8601), or the default. */
    Duration duration(String suffix, Duration dflt) {
        return optional(suffix).map(v -> Durations.parse("config key '" + key(suffix) + "'", v)).orElse(dflt);
    }

    /** An absolute http(s) URL. */
    URI url(String suffix, String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (uri.getHost() == null || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
                throw new URISyntaxException(value, "expected an absolute http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("config key '" + key(suffix) + "' has value '" + value
                    + "': expected an absolute http(s) URL such as https://host:port");
        }
    }

    /** The auth mode, {@link AuthMode#NONE} when neither the service nor the shared key is set. */
    AuthMode mode() {
        String suffix = "auth";
        return optional(suffix).map(v -> AuthMode.parse(key(suffix), v)).orElse(AuthMode.NONE);
    }

    /** The trust store under {@code <prefix>.truststore*}, falling back to the MP Rest Client keys. */
    Optional<TrustStoreSettings> trustStore(String prefix, boolean fallBackToRestClient) {
        String mp = service.configKey() + "/mp-rest/";
        Optional<String> location = optional(prefix + ".truststore");
        boolean fromMp = false;
        if (location.isEmpty() && fallBackToRestClient) {
            location = raw(mp + "trustStore");
            fromMp = location.isPresent();
        }
        if (location.isEmpty()) {
            return Optional.empty();
        }
        String passwordKey = fromMp ? mp + "trustStorePassword" : key(prefix + ".truststore-password");
        Optional<String> password = fromMp ? raw(passwordKey) : optional(prefix + ".truststore-password");
        Optional<String> type = fromMp ? raw(mp + "trustStoreType") : optional(prefix + ".truststore-type");
        String locationKey = fromMp ? mp + "trustStore" : key(prefix + ".truststore");
        return Optional.of(new TrustStoreSettings(locationKey, location.get(),
                password.map(p -> Secret.of(passwordKey, p)).orElse(null),
                type.orElse(TrustStoreSettings.DEFAULT_TYPE)));
    }
}
