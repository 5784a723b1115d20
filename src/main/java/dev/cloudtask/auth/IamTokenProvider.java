package dev.cloudtask.auth;

import dev.cloudtask.internal.Durations;
import dev.cloudtask.internal.ErrorBodies;
import dev.cloudtask.internal.LenientJson;
import dev.cloudtask.internal.PathParams;
import dev.cloudtask.internal.Timestamps;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Obtains IAM tokens with {@code POST {iam}/v3/auth/tokens} (password method, project scope),
 * caches one per project and replaces it ahead of expiry.
 *
 * <ul>
 *   <li>The token comes from the {@code X-Subject-Token} header of an HTTP 201, its expiry from
 *       {@code token.expires_at} in the body.</li>
 *   <li>Its life is measured on the token service's own clock: {@code expires_at} minus
 *       {@code token.issued_at} (or minus the response's {@code Date} header when the body has no
 *       {@code issued_at}), and counted from the moment it was obtained on this machine's clock.
 *       So a skewed clock here or at the service (or a service that labels its times with the
 *       wrong zone) never makes a fresh token look expired. A difference of more than
 *       {@link #SKEW_WARNING} between the two clocks is logged once at WARNING with both times.</li>
 *   <li>{@link #token(String)} returns the cached token until {@code life - ahead} after it was
 *       obtained, where {@code ahead} is {@link IamSettings#refreshAhead()} capped at half the
 *       token's life, and never for less than {@link #MIN_REFRESH_INTERVAL}: at most one token
 *       request per project and refresh interval. If that fetch fails transiently while the old
 *       token is still valid, the old one is used and the failure logged.</li>
 *   <li>Single flight: callers for the same project share one lock, so concurrent callers cause
 *       one token request and all get its result.</li>
 *   <li>{@link #refresh(String)} (for an HTTP 401) drops the cached token and fetches a new one,
 *       unless a token was obtained within the last {@link #FRESH_WINDOW}: then that one is
 *       considered fresh, so many waits hit by the same 401 cause a single request.</li>
 *   <li>A refusal or any other client error (HTTP 4xx except 408 and 429; a 404 means a wrong
 *       IAM URL) is a {@link CloudAuthException} with {@link CloudAuthException#isRejected()} that
 *       names the URL and the status; it is remembered for the project and rethrown without
 *       asking IAM again.</li>
 * </ul>
 *
 * <p>Thread-safe. Tokens and the password never appear in logs or messages.
 */
public final class IamTokenProvider {
    /** A token obtained this recently is considered fresh by {@link #refresh(String)}. */
    public static final Duration FRESH_WINDOW = Duration.ofSeconds(5);
    /** The response header that carries the token. */
    public static final String SUBJECT_TOKEN_HEADER = "X-Subject-Token";
    /** A larger difference between this machine's clock and the token service's is logged (once). */
    public static final Duration SKEW_WARNING = Duration.ofMinutes(1);
    /** The shortest time a token is used before {@link #token(String)} asks for a new one. */
    public static final Duration MIN_REFRESH_INTERVAL = Duration.ofMinutes(1);

    private static final Logger LOG = Logger.getLogger(IamTokenProvider.class.getName());

    private final IamSettings settings;
    private final Clock clock;
    private final HttpClient http;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final AtomicBoolean skewReported = new AtomicBoolean();

    /** One project's cached token or remembered refusal; its monitor is the single-flight lock. */
    private static final class Slot {
        private IamToken token;
        private CloudAuthException rejected;
    }

    /**
     * @param settings where and as whom to log in
     * @param clock the clock for expiry decisions (inject a fixed one in tests)
     * @throws IllegalArgumentException when the configured trust store cannot be read
     */
    public IamTokenProvider(IamSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = TrustStoreSettings.loginClient(settings.timeout(), settings.trustStore());
    }

    /** The settings this provider logs in with. */
    public IamSettings settings() {
        return settings;
    }

    /**
     * A valid token for the project, from the cache or fetched now.
     *
     * @param projectId the project id to scope the token to, or null for the configured default
     *     project ({@link IamSettings#projectId()} or {@link IamSettings#projectName()})
     * @throws CloudAuthException when no token can be obtained
     * @throws IllegalArgumentException when {@code projectId} is null and no default is configured
     */
    public IamToken token(String projectId) {
        Scope scope = scope(projectId);
        Slot slot = slots.computeIfAbsent(scope.key(), k -> new Slot());
        synchronized (slot) {
            if (slot.rejected != null) {
                throw slot.rejected;
            }
            Instant now = clock.instant();
            IamToken current = slot.token;
            if (current != null && now.isBefore(renewAt(current))) {
                return current;
            }
            try {
                return fetch(slot, scope);
            } catch (CloudAuthException e) {
                if (!e.isRejected() && current != null && now.isBefore(current.expiresAt())) {
                    LOG.log(Level.WARNING, "Renewing the IAM token for {0} failed, using the current one"
                            + " until {1}: {2}", new Object[] {scope, current.expiresAt(), e.getMessage()});
                    return current;
                }
                throw e;
            }
        }
    }

    /**
     * Replaces the project's token after a request was answered with HTTP 401.
     *
     * @param projectId the project, or null for the configured default
     * @return true when a fresh token is now cached (fetched now, or within {@link #FRESH_WINDOW}),
     *     false when IAM could not be reached (logged)
     * @throws CloudAuthException when IAM refused the credentials ({@link CloudAuthException#isRejected()})
     */
    public boolean refresh(String projectId) {
        Scope scope = scope(projectId);
        Slot slot = slots.computeIfAbsent(scope.key(), k -> new Slot());
        synchronized (slot) {
            if (slot.rejected != null) {
                throw slot.rejected;
            }
            IamToken current = slot.token;
            if (current != null && current.obtainedAt().isAfter(clock.instant().minus(FRESH_WINDOW))) {
                return true;
            }
            slot.token = null;
            try {
                fetch(slot, scope);
                return true;
            } catch (CloudAuthException e) {
                if (e.isRejected()) {
                    throw e;
                }
                LOG.log(Level.WARNING, "Refreshing the IAM token for {0} failed: {1}",
                        new Object[] {scope, e.getMessage()});
                return false;
            }
        }
    }

    private Instant renewAt(IamToken t) {
        Duration life = Duration.between(t.obtainedAt(), t.expiresAt());
        Duration ahead = settings.refreshAhead();
        Duration half = life.dividedBy(2);
        if (ahead.compareTo(half) > 0) {
            ahead = half.isNegative() ? Duration.ZERO : half;
        }
        Instant renew = t.expiresAt().minus(ahead);
        Instant earliest = t.obtainedAt().plus(MIN_REFRESH_INTERVAL);
        return renew.isBefore(earliest) ? earliest : renew;
    }

    private IamToken fetch(Slot slot, Scope scope) {
        URI endpoint = settings.tokenEndpoint();
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(settings.timeout())
                .header("Content-Type", "application/json;charset=UTF-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(requestBody(scope), StandardCharsets.UTF_8))
                .build();
        LOG.log(Level.FINE, "Requesting an IAM token for {0} from {1}", new Object[] {scope, endpoint});
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CloudAuthException("IAM at " + endpoint + " could not be reached for a token for "
                    + scope + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage())
                    + TlsHints.hint(e, settings.keyPrefix() + ".truststore"), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudAuthException("interrupted while requesting an IAM token for " + scope, false, e);
        }
        int status = response.statusCode();
        if (status != 201 && status != 200) {
            CloudAuthException e = refused(endpoint, scope, status, response.body());
            if (e.isRejected()) {
                slot.rejected = e;
                LOG.log(Level.SEVERE, e.getMessage());
            }
            throw e;
        }
        String value = response.headers().firstValue(SUBJECT_TOKEN_HEADER).orElse("");
        if (value.isBlank()) {
            throw new CloudAuthException("IAM at " + endpoint + " answered HTTP " + status + " without an "
                    + SUBJECT_TOKEN_HEADER + " header", false, null);
        }
        Instant now = clock.instant();
        Instant expiresAt = localExpiry(response, now, endpoint);
        IamToken token = new IamToken(Secret.of(SUBJECT_TOKEN_HEADER, value), now, expiresAt);
        slot.token = token;
        LOG.log(Level.INFO, "Obtained an IAM token for {0} as user ''{1}'', valid until {2}",
                new Object[] {scope, settings.user(), expiresAt});
        return token;
    }

    /**
     * When the token expires by this machine's clock: {@code now} plus its life on the service's
     * clock ({@code expires_at} minus {@code issued_at}, else minus the {@code Date} header).
     */
    private Instant localExpiry(HttpResponse<String> response, Instant now, URI endpoint) {
        Map<?, ?> token = tokenObject(response.body());
        String expiresText = token.get("expires_at") instanceof String t && !t.isBlank() ? t : null;
        if (expiresText == null) {
            throw new CloudAuthException("IAM at " + endpoint + " sent a token without token.expires_at", false, null);
        }
        Instant expiresAt = Timestamps.parse(expiresText).orElseThrow(() -> new CloudAuthException("IAM at " + endpoint
                + " sent token.expires_at '" + PathParams.excerpt(expiresText) + "', which is not a time", false, null));
        Instant serviceNow = token.get("issued_at") instanceof String issued ? Timestamps.parse(issued).orElse(null) : null;
        String source = "token.issued_at";
        if (serviceNow == null) {
            serviceNow = response.headers().firstValue("Date").flatMap(IamTokenProvider::httpDate).orElse(null);
            source = "Date header";
        }
        if (serviceNow == null) {
            if (!expiresAt.isAfter(now)) {
                reportSkew("IAM at " + endpoint + " sent a token whose expires_at " + expiresAt + " is not after this"
                        + " machine's time " + now + ", and neither issued_at nor a Date header to measure its life"
                        + " with; it is used for " + MIN_REFRESH_INTERVAL.toMinutes() + " minute(s) at a time");
            }
            return expiresAt;
        }
        Duration skew = Duration.between(now, serviceNow);
        Duration life = Duration.between(serviceNow, expiresAt);
        if (skew.abs().compareTo(SKEW_WARNING) > 0) {
            reportSkew("IAM at " + endpoint + " reports the time " + serviceNow + " (" + source + ") while this"
                    + " machine's clock says " + now + ": the clocks differ by " + Durations.format(skew.abs())
                    + (skew.isNegative() ? " (IAM behind)" : " (IAM ahead)") + ". Token lives are measured on IAM's"
                    + " clock (this one: " + Durations.format(life.isNegative() ? Duration.ZERO : life)
                    + "), so tokens are still renewed on time; correct the clock that is wrong (NTP)");
        }
        return now.plus(life);
    }

    /** The {@code token} object of a token response body; empty when there is none. */
    private static Map<?, ?> tokenObject(String body) {
        try {
            Object token = body == null || body.isBlank() ? null : LenientJson.read(body, Map.class).get("token");
            return token instanceof Map<?, ?> m ? m : Map.of();
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    private void reportSkew(String message) {
        if (skewReported.compareAndSet(false, true)) {
            LOG.warning(message);
        }
    }

    private static Optional<Instant> httpDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private CloudAuthException refused(URI endpoint, Scope scope, int status, String body) {
        ErrorBodies.CodeAndMessage error = ErrorBodies.parse(body);
        boolean rejected = status >= 400 && status < 500 && status != 408 && status != 429;
        StringBuilder sb = new StringBuilder("IAM at ").append(endpoint).append(rejected ? " refused" : " failed")
                .append(" a token for user '").append(settings.user()).append("' in domain '")
                .append(settings.domain()).append("', ").append(scope).append(": HTTP ").append(status);
        if (error.code() != null) {
            sb.append(", error code ").append(settings.password().scrub(error.code()));
        }
        if (error.message() != null) {
            sb.append(": ").append(settings.password().scrub(error.message()));
        }
        if (status == 404 || status == 405) {
            sb.append(" (no token service at this URL: check ").append(settings.keyPrefix()).append(".url)");
        } else if (rejected) {
            sb.append(" (check ").append(settings.keyPrefix()).append(".user, .password, .domain and the project)");
        }
        return new CloudAuthException(sb.toString(), rejected, null);
    }

    private String requestBody(Scope scope) {
        Map<String, Object> user = Map.of("name", settings.user(), "password", settings.password().reveal(),
                "domain", Map.of("name", settings.domain()));
        Map<String, Object> identity = Map.of("methods", List.of("password"), "password", Map.of("user", user));
        Map<String, Object> project = scope.id() != null ? Map.of("id", scope.id()) : Map.of("name", scope.name());
        return LenientJson.write(Map.of("auth", Map.of("identity", identity, "scope", Map.of("project", project))));
    }

    private Scope scope(String projectId) {
        if (projectId != null && !projectId.isBlank()) {
            return new Scope(projectId.trim(), null);
        }
        if (settings.projectId() != null) {
            return new Scope(settings.projectId(), null);
        }
        if (settings.projectName() != null) {
            return new Scope(null, settings.projectName());
        }
        throw new IllegalArgumentException("no project to scope the IAM token to: the request carries no"
                + " project id and neither " + settings.keyPrefix() + ".project-id nor "
                + settings.keyPrefix() + ".project-name is configured");
    }

    /** A project scope by id or by name. */
    private record Scope(String id, String name) {
        String key() {
            return id != null ? "id:" + id : "name:" + name;
        }

        @Override
        public String toString() {
            return id != null ? "project id '" + id + "'" : "project name '" + name + "'";
        }
    }
}
