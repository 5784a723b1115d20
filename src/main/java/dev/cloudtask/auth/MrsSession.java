package dev.cloudtask.auth;

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
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A logged-in session with one MRS Manager, held as cookies, opened as the MRS Manager API reference
 * documents it ("API Calling Process").
 *
 * <p>Security (Kerberos) cluster, {@link MrsSessionSettings#usesCas()}:
 * <ol>
 *   <li>{@code GET {cas}/cas/login}: the CAS login page sets the {@code casSessionId} cookie; its form
 *       carries the login ticket {@code lt};</li>
 *   <li>{@code POST {cas}/cas/login?service={manager}/web/cas_security_check.htm} with {@code username},
 *       {@code password}, {@code lt}, {@code _eventId=submit} and {@code submit=Login}: sets the
 *       ticket-granting cookie {@code CASTGC}. A page saying "{@value #WRONG_CREDENTIALS_TEXT}" is a
 *       wrong user name or password; a redirect to {@value #CHANGE_PASSWORD_PAGE} means the user must
 *       change the password first;</li>
 *   <li>{@code GET {manager}/web/v1/access/login_check} with the cookies, following the Manager's and
 *       CAS's redirects: sets the session cookie.</li>
 * </ol>
 * Normal cluster: step 3 alone; it sends no credentials. The paths are configurable
 * ({@link MrsSessionSettings.Paths}). When the Manager reports an expired session (HTTP 401, error
 * {@value #SESSION_EXPIRED}), {@link #renew()} runs step 3 again with a still valid {@code CASTGC},
 * so the password is only sent again once CAS has forgotten the user.
 *
 * <p>Failures are {@link CloudAuthException}s naming the URL and the HTTP status. Final ones
 * ({@link CloudAuthException#isRejected()}): refused credentials, a required password change, and
 * any other client error of a login step (404 for a wrong URL or path above all); they are logged
 * once at SEVERE, remembered and rethrown without another login attempt. Network errors, 5xx,
 * 408 and 429 may pass and are tried again on the next request. TLS trusts the configured trust
 * store only and checks the host name. Thread-safe: logins are serialized, so concurrent callers
 * share one login.
 */
public final class MrsSession {
    /** The CAS ticket-granting cookie. */
    public static final String TGT_COOKIE = "CASTGC";
    /** The CAS page session cookie the login form belongs to. */
    public static final String CAS_SESSION_COOKIE = "casSessionId";
    /** The text of the CAS page that answers a wrong user name or password. */
    public static final String WRONG_CREDENTIALS_TEXT = "The credentials you provided cannot be determined to be authentic";
    /** The page CAS sends a user to who must change the password before logging in. */
    public static final String CHANGE_PASSWORD_PAGE = "modify_password.html";
    /** Manager error code of an expired or unknown session (answered with HTTP 401). */
    public static final int SESSION_EXPIRED = 12002;
    /** A session established this recently is considered fresh by {@link #renew()}. */
    public static final Duration FRESH_WINDOW = Duration.ofSeconds(5);
    /** Redirects followed by one {@code login_check}. */
    static final int MAX_REDIRECTS = 10;

    private static final Logger LOG = Logger.getLogger(MrsSession.class.getName());
    private static final Pattern LT = hiddenInput("lt");
    private static final Pattern EXECUTION = hiddenInput("execution");
    private static final Set<String> CAS_COOKIES = Set.of(TGT_COOKIE, CAS_SESSION_COOKIE);

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
        if (!settings.usesCas() && settings.password() != null) {
            LOG.log(Level.INFO, "MRS Manager at {0} is configured as a normal cluster ({1}.login=direct): its"
                    + " login_check takes no credentials, so {1}.password is not sent",
                    new Object[] {settings.managerUrl(), settings.keyPrefix()});
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
            login(false);
        }
        return jar.header(requestUri);
    }

    /**
     * Logs in again after the Manager said the session expired (HTTP 401, error {@value #SESSION_EXPIRED}).
     *
     * @return true when a session is held afterwards (new, or established within
     *     {@link #FRESH_WINDOW}); false when the login failed in a way that may pass (logged)
     * @throws CloudAuthException when the login failed for good ({@link CloudAuthException#isRejected()})
     */
    public synchronized boolean renew() {
        if (rejected != null) {
            throw rejected;
        }
        if (loggedInAt != null && loggedInAt.isAfter(clock.instant().minus(FRESH_WINDOW))) {
            return true;
        }
        loggedInAt = null;
        jar.retainOnly(CAS_COOKIES);
        try {
            login(true);
            return true;
        } catch (CloudAuthException e) {
            if (e.isRejected()) {
                throw e;
            }
            LOG.log(Level.WARNING, "Logging in to MRS Manager again failed: {0}", e.getMessage());
            return false;
        }
    }

    private void login(boolean renewing) {
        boolean credentialsSent = false;
        if (settings.usesCas()) {
            String casHost = settings.casUrl().getHost();
            boolean reused = renewing && jar.has(casHost, TGT_COOKIE) && loginCheck(false);
            if (!reused) {
                jar.retainOnly(Set.of());
                casCredentials();
                credentialsSent = true;
                loginCheck(true);
            }
        } else {
            loginCheck(true);
        }
        loggedInAt = clock.instant();
        LOG.log(Level.INFO, "Logged in to MRS Manager at {0}{1}{2}", new Object[] {settings.managerUrl(), who(),
            !settings.usesCas() ? "" : credentialsSent ? " through CAS at " + settings.casUrl()
                    : " with the CAS ticket-granting cookie"});
    }

    /** Step 1 and 2 of a security cluster: the login form, then the credentials; leaves {@code CASTGC}. */
    private void casCredentials() {
        URI page = settings.casLogin();
        String keys = settings.keyPrefix() + ".cas-url and " + settings.keyPrefix() + ".cas-login-path";
        HttpResponse<String> r = send(get(page));
        if (r.statusCode() != 200) {
            throw httpFailure("the CAS login page", page, r.statusCode(), keys);
        }
        String lt = find(LT, r.body());
        if (lt == null) {
            throw rejected("the CAS login page " + page + " answered HTTP 200 without a login ticket (lt) in its"
                    + " form: it is not the cluster's CAS (check " + keys + ")");
        }
        String execution = find(EXECUTION, r.body());
        URI post = URI.create(page + "?service=" + enc(settings.casService().toString()));
        String form = "username=" + enc(settings.user()) + "&password=" + enc(settings.password().reveal())
                + "&lt=" + enc(lt) + (execution == null ? "" : "&execution=" + enc(execution))
                + "&_eventId=submit&submit=Login";
        r = send(HttpRequest.newBuilder(post).timeout(settings.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)));
        String body = r.body() == null ? "" : r.body();
        String location = r.headers().firstValue("Location").orElse("");
        if (body.contains(WRONG_CREDENTIALS_TEXT)) {
            throw rejected("CAS at " + page + " refused the login" + who() + " to MRS Manager at "
                    + settings.managerUrl() + ": wrong user name or password (check " + settings.keyPrefix() + ".user and "
                    + settings.keyPrefix() + ".password)");
        }
        if (location.contains(CHANGE_PASSWORD_PAGE) || body.contains(CHANGE_PASSWORD_PAGE)) {
            throw rejected("CAS at " + page + " accepted the password" + who() + " but requires it to be changed"
                    + " first (redirect to " + CHANGE_PASSWORD_PAGE + "): log in to MRS Manager once in a browser,"
                    + " change the password, then update " + settings.keyPrefix() + ".password");
        }
        if (jar.has(settings.casUrl().getHost(), TGT_COOKIE)) {
            return;
        }
        if (r.statusCode() >= 400) {
            throw httpFailure("posting the credentials to", post, r.statusCode(), keys);
        }
        throw rejected("CAS at " + page + " answered the login" + who() + " with HTTP " + r.statusCode()
                + " but set no " + TGT_COOKIE + " cookie: the login was not accepted");
    }

    /**
     * Step 3: {@code GET login_check}, following redirects with the cookie jar.
     *
     * @param required false when a failure to get a session only means "log in with the password"
     * @return true when the Manager opened a session; false when {@code required} is false and CAS
     *     asked for the password
     */
    private boolean loginCheck(boolean required) {
        URI target = settings.loginCheck();
        URI uri = target;
        String keys = settings.keyPrefix() + ".manager-url and " + settings.keyPrefix() + ".login-check-path";
        boolean backToCheck = false;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpResponse<String> r = send(get(uri));
            int status = r.statusCode();
            if (status >= 300 && status < 400 && r.headers().firstValue("Location").isPresent()) {
                uri = redirect(uri, r.headers().firstValue("Location").get());
                continue;
            }
            if (status == 200 && sameEndpoint(uri, target)) {
                if (!jar.sendsOtherThan(target, CAS_COOKIES)) {
                    throw rejected("MRS Manager " + target + " answered HTTP 200" + who() + " but set no session cookie");
                }
                return true;
            }
            if (status == 200 && !backToCheck && find(LT, r.body()) == null && jar.sendsOtherThan(target, CAS_COOKIES)) {
                // the session was opened on the way but the redirects ended on another Manager page
                backToCheck = true;
                uri = target;
                continue;
            }
            if (status == 200 && find(LT, r.body()) != null) {
                if (!settings.usesCas()) {
                    throw rejected("MRS Manager " + target + " sent the login to the CAS login page " + stripQuery(uri)
                            + ": it is a security (Kerberos) cluster; set " + settings.keyPrefix() + ".login=cas");
                }
                if (!required) {
                    return false;
                }
                throw new CloudAuthException("MRS Manager " + target + " sent the login" + who() + " back to the CAS"
                        + " login page " + stripQuery(uri) + " right after CAS accepted the password", false, null);
            }
            if (status == 401 || status == 403) {
                throw rejected("MRS Manager " + stripQuery(uri) + " answered HTTP " + status + " to the login"
                        + who() + (settings.usesCas() ? "" : ": a security (Kerberos) cluster needs "
                        + settings.keyPrefix() + ".login=cas"));
            }
            if (status == 200) {
                throw rejected("the login at MRS Manager " + target + " ended at " + stripQuery(uri)
                        + " (HTTP 200) instead of " + target.getPath() + " (check " + keys + ")");
            }
            throw httpFailure("login_check", stripQuery(uri), status, keys);
        }
        throw rejected("the login at MRS Manager " + target + " was redirected more than " + MAX_REDIRECTS + " times");
    }

    private URI redirect(URI from, String location) {
        try {
            URI to = from.resolve(location.trim());
            if (to.getHost() == null || !("https".equalsIgnoreCase(to.getScheme()) || "http".equalsIgnoreCase(to.getScheme()))) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return to;
        } catch (IllegalArgumentException e) {
            throw rejected("the login at MRS Manager " + settings.loginCheck() + " was redirected from "
                    + stripQuery(from) + " to a malformed location");
        }
    }

    /** A failed login step: final for a client error (other than 408 and 429), else worth another try. */
    private CloudAuthException httpFailure(String step, URI uri, int status, String keys) {
        boolean clientError = status >= 400 && status < 500 && status != 408 && status != 429;
        String text = "MRS login" + who() + " for Manager " + settings.managerUrl() + " failed: " + step + " "
                + uri + " answered HTTP " + status + (clientError ? " (check " + keys + ")" : "");
        return clientError ? rejected(text) : new CloudAuthException(text, false, null);
    }

    private CloudAuthException rejected(String text) {
        CloudAuthException e = new CloudAuthException(text + "; no further login is attempted", true, null);
        rejected = e;
        LOG.log(Level.SEVERE, e.getMessage());
        return e;
    }

    private String who() {
        return settings.user() == null ? "" : " as user '" + settings.user() + "'";
    }

    private HttpRequest.Builder get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(settings.timeout()).GET();
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) {
        URI uri = builder.copy().build().uri();
        jar.header(uri).ifPresent(c -> builder.header("Cookie", c));
        URI where = stripQuery(uri);
        try {
            HttpResponse<String> r = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            jar.receive(uri, r.headers().allValues("Set-Cookie"));
            return r;
        } catch (IOException e) {
            throw new CloudAuthException("MRS login request to " + where + who() + " failed: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage())
                    + TlsHints.hint(e, settings.keyPrefix() + ".truststore"), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudAuthException("interrupted while logging in to " + where, false, e);
        }
    }

    /** The URI without query: service tickets travel in queries and are not shown. */
    private static URI stripQuery(URI uri) {
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath()));
    }

    private static boolean sameEndpoint(URI a, URI b) {
        return a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b)
                && Objects.equals(a.getPath(), b.getPath());
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String find(Pattern p, String html) {
        Matcher m = p.matcher(html == null ? "" : html);
        if (!m.find()) {
            return null;
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
        return "MrsSession[" + settings.managerUrl() + (settings.user() == null ? "" : ", user '" + settings.user() + "'")
                + (settings.usesCas() ? ", CAS " + settings.casUrl() : "") + "]";
    }
}
