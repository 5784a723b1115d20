package dev.cloudtask.auth;

import dev.cloudtask.internal.ErrorBodies;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A logged-in session with one MRS Manager, held as cookies.
 *
 * <p>Login (on first use, and on {@link #renew()}):
 * <ul>
 *   <li>normal cluster: {@code POST {manager}/web/login_check} with {@code username} and
 *       {@code password} form fields; HTTP 200 sets {@code JSESSIONID};</li>
 *   <li>Kerberos cluster (CAS): {@code GET {cas}/cas/login?service={manager}/web/login_check}; with
 *       a still valid {@code CASTGC} this redirects straight to a service ticket, else it serves
 *       the login form, whose {@code lt} and {@code execution} are posted back with the
 *       credentials; the redirect to {@code login_check?ticket=ST-...} is then followed, which
 *       sets {@code JSESSIONID}.</li>
 * </ul>
 *
 * <p>A wrong user or password (Manager error 12001, or the CAS form shown again with errors) is a
 * {@link CloudAuthException} with {@link CloudAuthException#isRejected()}; it is remembered and
 * rethrown without another login attempt. TLS trusts the configured trust store only and checks
 * the host name. Thread-safe: logins are serialized, so concurrent callers share one login.
 */
public final class MrsSession {
    /** The Manager session cookie. */
    public static final String SESSION_COOKIE = "JSESSIONID";
    /** The CAS ticket-granting cookie. */
    public static final String TGT_COOKIE = "CASTGC";
    /** Manager error code of a wrong user name or password. */
    public static final int WRONG_CREDENTIALS = 12001;
    /** Manager error code of an expired or unknown session (answered with HTTP 401). */
    public static final int SESSION_EXPIRED = 12002;
    /** A session established this recently is considered fresh by {@link #renew()}. */
    public static final Duration FRESH_WINDOW = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(MrsSession.class.getName());
    private static final Pattern LT = hiddenInput("lt");
    private static final Pattern EXECUTION = hiddenInput("execution");

    private final MrsSessionSettings settings;
    private final Clock clock;
    private final HttpClient http;
    private final CookieJar jar = new CookieJar();
    private Instant loggedInAt;
    private CloudAuthException rejected;

    /**
     * @param settings where and as whom to log in
     * @param clock the clock for {@link #FRESH_WINDOW}
     * @throws IllegalArgumentException when the trust store cannot be read
     */
    public MrsSession(MrsSessionSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = TrustStoreSettings.loginClient(settings.timeout(), settings.trustStore());
        if (!"https".equalsIgnoreCase(settings.managerUrl().getScheme())) {
            LOG.log(Level.WARNING, "MRS Manager URL {0} is plain http: the password and the session cookie travel"
                    + " unencrypted; use https outside tests", settings.managerUrl());
        }
    }

    /** The settings of this session. */
    public MrsSessionSettings settings() {
        return settings;
    }

    /**
     * The {@code Cookie} header for a Manager API request, logging in first when there is no session.
     *
     * @param requestUri the API request's URI; must be on the Manager's host
     * @return the header value, empty when no session cookie applies to that path
     * @throws CloudAuthException when the login fails
     * @throws IllegalStateException when the request is not for the Manager's host
     */
    public synchronized Optional<String> cookieHeader(URI requestUri) {
        if (rejected != null) {
            throw rejected;
        }
        String host = settings.managerUrl().getHost();
        if (requestUri.getHost() == null || !requestUri.getHost().equalsIgnoreCase(host)) {
            throw new IllegalStateException("request to host '" + requestUri.getHost() + "' is not for the MRS Manager"
                    + " at '" + host + "' (" + settings.keyPrefix() + ".manager-url); the session cookie is not sent");
        }
        if (loggedInAt == null) {
            login();
        }
        return jar.header(requestUri);
    }

    /**
     * Logs in again after the Manager said the session expired (HTTP 401, error 12002).
     *
     * @return true when a session is held afterwards (new, or established within
     *     {@link #FRESH_WINDOW}); false when the Manager could not be reached (logged)
     * @throws CloudAuthException when the credentials were refused
     */
    public synchronized boolean renew() {
        if (rejected != null) {
            throw rejected;
        }
        if (loggedInAt != null && loggedInAt.isAfter(clock.instant().minus(FRESH_WINDOW))) {
            return true;
        }
        loggedInAt = null;
        jar.remove(SESSION_COOKIE);
        try {
            login();
            return true;
        } catch (CloudAuthException e) {
            if (e.isRejected()) {
                throw e;
            }
            LOG.log(Level.WARNING, "Logging in to MRS Manager again failed: {0}", e.getMessage());
            return false;
        }
    }

    private void login() {
        if (settings.usesCas()) {
            casLogin();
        } else {
            directLogin();
        }
        if (!jar.has(settings.managerUrl().getHost(), SESSION_COOKIE)) {
            throw new CloudAuthException("MRS Manager at " + settings.managerUrl() + " accepted the login of user '"
                    + settings.user() + "' but set no " + SESSION_COOKIE + " cookie", false, null);
        }
        loggedInAt = clock.instant();
        LOG.log(Level.INFO, "Logged in to MRS Manager at {0} as user ''{1}''{2}", new Object[] {settings.managerUrl(),
            settings.user(), settings.usesCas() ? " through CAS at " + settings.casUrl() : ""});
    }

    private void directLogin() {
        URI uri = settings.loginCheck();
        String form = "username=" + enc(settings.user()) + "&password=" + enc(settings.password().reveal());
        HttpResponse<String> r = send(formPost(uri, form));
        if (r.statusCode() == 200) {
            return;
        }
        ErrorBodies.CodeAndMessage error = ErrorBodies.parse(r.body());
        String code = error.code();
        String description = settings.password().scrub(error.message());
        boolean wrong = String.valueOf(WRONG_CREDENTIALS).equals(code) || r.statusCode() == 401 || r.statusCode() == 403;
        String text = "MRS Manager at " + settings.managerUrl() + (wrong ? " refused" : " failed") + " the login of user '"
                + settings.user() + "': HTTP " + r.statusCode() + (code == null ? "" : ", error " + code)
                + (description == null ? "" : ": " + description);
        throw wrong ? rejected(text) : new CloudAuthException(text, false, null);
    }

    private void casLogin() {
        URI login = URI.create(MrsSessionSettings.base(settings.casUrl()) + "/cas/login?service="
                + enc(settings.loginCheck().toString()));
        HttpResponse<String> r = send(HttpRequest.newBuilder(login).timeout(settings.timeout()).GET());
        if (r.statusCode() != 302) {
            if (r.statusCode() != 200) {
                throw casFailure("the login page answered HTTP " + r.statusCode());
            }
            String lt = find(LT, r.body(), "lt");
            String execution = find(EXECUTION, r.body(), "execution");
            String form = "username=" + enc(settings.user()) + "&password=" + enc(settings.password().reveal())
                    + "&lt=" + enc(lt) + "&execution=" + enc(execution) + "&_eventId=submit";
            r = send(formPost(login, form));
            if (r.statusCode() == 200 && r.body() != null && r.body().contains("class=\"errors\"")) {
                throw rejected("CAS at " + settings.casUrl() + " refused the login of user '" + settings.user()
                        + "' to MRS Manager at " + settings.managerUrl() + ": wrong user name or password");
            }
            if (r.statusCode() != 302) {
                throw casFailure("posting the credentials answered HTTP " + r.statusCode());
            }
        }
        URI ticketUri = ticketLocation(login, r);
        HttpResponse<String> check = send(HttpRequest.newBuilder(ticketUri).timeout(settings.timeout()).GET());
        if (check.statusCode() != 200) {
            throw casFailure("login_check with the service ticket answered HTTP " + check.statusCode());
        }
    }

    private URI ticketLocation(URI login, HttpResponse<String> r) {
        String location = r.headers().firstValue("Location").orElse("");
        URI target;
        try {
            target = login.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            throw casFailure("the redirect after login has a malformed Location");
        }
        URI check = settings.loginCheck();
        boolean sameTarget = check.getHost().equalsIgnoreCase(target.getHost()) && check.getPort() == target.getPort()
                && check.getPath().equals(target.getPath()) && target.getRawQuery() != null
                && target.getRawQuery().contains("ticket=");
        if (!sameTarget) {
            throw casFailure("the redirect after login does not lead to " + check + " with a ticket");
        }
        return target;
    }

    private CloudAuthException casFailure(String what) {
        return new CloudAuthException("CAS login of user '" + settings.user() + "' at " + settings.casUrl()
                + " for MRS Manager at " + settings.managerUrl() + " failed: " + what, false, null);
    }

    private CloudAuthException rejected(String text) {
        CloudAuthException e = new CloudAuthException(text + " (check " + settings.keyPrefix() + ".user and "
                + settings.keyPrefix() + ".password; no further login is attempted)", true, null);
        rejected = e;
        LOG.log(Level.SEVERE, e.getMessage());
        return e;
    }

    private HttpRequest.Builder formPost(URI uri, String form) {
        return HttpRequest.newBuilder(uri).timeout(settings.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) {
        HttpRequest probe = builder.copy().build();
        URI uri = probe.uri();
        jar.header(uri).ifPresent(c -> builder.header("Cookie", c));
        String where = uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
        try {
            HttpResponse<String> r = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            jar.receive(uri, r.headers().allValues("Set-Cookie"));
            return r;
        } catch (IOException e) {
            throw new CloudAuthException("MRS login request to " + where + " as user '" + settings.user() + "' failed: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage())
                    + TlsHints.hint(e, settings.keyPrefix() + ".truststore"), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudAuthException("interrupted while logging in to " + where, false, e);
        }
    }

    private String find(Pattern p, String html, String field) {
        Matcher m = p.matcher(html == null ? "" : html);
        if (!m.find()) {
            throw casFailure("the login page has no hidden field '" + field + "'");
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    private static Pattern hiddenInput(String name) {
        String n = Pattern.quote(name);
        return Pattern.compile("<input[^>]*?(?:name=\"" + n + "\"[^>]*?value=\"([^\"]*)\"|value=\"([^\"]*)\"[^>]*?name=\""
                + n + "\")", Pattern.CASE_INSENSITIVE);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "MrsSession[" + settings.managerUrl() + ", user '" + settings.user() + "']";
    }
}
