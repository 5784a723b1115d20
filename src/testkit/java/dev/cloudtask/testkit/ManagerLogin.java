package dev.cloudtask.testkit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MRS Manager sessions, as the MRS Manager API reference documents the login ("API Calling Process",
 * "Logging In to the CAS", "Checking the Login").
 *
 * <p>Security (Kerberos) cluster:
 * <ul>
 *   <li>{@code GET /cas/login}: sets {@code casSessionId} and serves the form with the login ticket
 *       {@code lt}; with {@code service} and a valid {@code CASTGC} it redirects to the service with a
 *       service ticket instead;</li>
 *   <li>{@code POST /cas/login?service=...} with {@code username}, {@code password}, {@code lt},
 *       {@code _eventId=submit}, {@code submit=Login} and the {@code casSessionId} cookie: sets
 *       {@code CASTGC} and redirects to the service with a ticket; a wrong password answers the form
 *       with "The credentials you provided cannot be determined to be authentic"; a user who must
 *       change the password is redirected to {@code modify_password.html};</li>
 *   <li>{@code GET /web/cas_security_check.htm?ticket=ST-...}: opens the session ({@code JSESSIONID})
 *       and redirects to {@code login_check};</li>
 *   <li>{@code GET /web/v1/access/login_check}: with a session, its JSON; without, a redirect to
 *       {@code /cas/login?service=<this Manager>/web/cas_security_check.htm}.</li>
 * </ul>
 * Normal cluster: {@code GET /web/v1/access/login_check} opens a session at once, without credentials.
 * Sessions and CAS tickets live on the simulator's clock; a login or service ticket is single use.
 */
final class ManagerLogin {
    /** Result of checking a {@code JSESSIONID}. */
    enum Check { VALID, MISSING, UNKNOWN, EXPIRED }

    static final int ERR_SESSION_EXPIRED = 12002;
    static final String CAS_LOGIN = "/cas/login";
    static final String SECURITY_CHECK = "/web/cas_security_check.htm";
    static final String LOGIN_CHECK = "/web/v1/access/login_check";
    static final String WRONG_CREDENTIALS = "The credentials you provided cannot be determined to be authentic.";
    private static final Duration SERVICE_TICKET_LIFETIME = Duration.ofMinutes(5);

    private final Clock clock;
    private final SimCredentials credentials;
    private final boolean secureCookies;
    private volatile boolean securityCluster;
    private volatile Duration sessionLifetime;
    private final Duration casLifetime;
    private volatile boolean passwordChangeRequired;
    private final Map<String, Instant> sessions = new ConcurrentHashMap<>();
    private final Map<String, Instant> grantingTickets = new ConcurrentHashMap<>();
    private final Map<String, Instant> serviceTickets = new ConcurrentHashMap<>();
    /** Login ticket to the {@code casSessionId} it was issued with. */
    private final Map<String, String> loginTickets = new ConcurrentHashMap<>();

    ManagerLogin(Clock clock, SimCredentials credentials, Duration sessionLifetime, Duration casLifetime,
            boolean secureCookies, boolean securityCluster) {
        this.clock = clock;
        this.credentials = credentials;
        this.sessionLifetime = sessionLifetime;
        this.casLifetime = casLifetime;
        this.secureCookies = secureCookies;
        this.securityCluster = securityCluster;
    }

    void sessionLifetime(Duration value) {
        this.sessionLifetime = value;
    }

    /** Whether the Manager is a security (Kerberos) cluster that logs in through CAS. */
    void securityCluster(boolean value) {
        this.securityCluster = value;
    }

    /** Whether CAS sends the Manager user to {@code modify_password.html} instead of logging in. */
    void passwordChangeRequired(boolean value) {
        this.passwordChangeRequired = value;
    }

    Check check(String sessionId) {
        if (sessionId == null || sessionId.isBlank()) {
            return Check.MISSING;
        }
        Instant exp = sessions.get(sessionId);
        if (exp == null) {
            return Check.UNKNOWN;
        }
        return clock.instant().isBefore(exp) ? Check.VALID : Check.EXPIRED;
    }

    /** Makes every session expired (CAS granting tickets stay valid). */
    void expireAll() {
        Instant past = clock.instant().minusSeconds(1);
        sessions.replaceAll((k, v) -> past);
    }

    /** Makes every CAS ticket-granting ticket expired. */
    void expireGrantingTickets() {
        Instant past = clock.instant().minusSeconds(1);
        grantingTickets.replaceAll((k, v) -> past);
    }

    /** Number of sessions ever created and still known. */
    int sessionCount() {
        return sessions.size();
    }

    /** Dispatches a request to one of the login paths; null when the path is none of them. */
    SimResponse handle(SimRequest req) {
        String path = req.rawPath();
        return switch (path) {
            case CAS_LOGIN -> "POST".equals(req.method()) ? casLoginSubmit(req) : casLoginPage(req);
            case SECURITY_CHECK -> securityCheck(req);
            case LOGIN_CHECK -> loginCheck(req);
            default -> null;
        };
    }

    /** {@code GET /web/v1/access/login_check}. */
    private SimResponse loginCheck(SimRequest req) {
        if (!"GET".equals(req.method())) {
            return MrsRenderer.error(405, 12000, "Method not allowed.");
        }
        if (check(req.cookie("JSESSIONID")) == Check.VALID) {
            return loginCheckBody();
        }
        if (!securityCluster) {
            return withNewSession(loginCheckBody());
        }
        String service = base(req) + SECURITY_CHECK;
        return redirect(base(req) + CAS_LOGIN + "?service=" + URLEncoder.encode(service, StandardCharsets.UTF_8));
    }

    /** {@code GET /web/cas_security_check.htm?ticket=ST-...}. */
    private SimResponse securityCheck(SimRequest req) {
        String ticket = req.query().get("ticket");
        Instant exp = ticket == null ? null : serviceTickets.remove(ticket);
        if (exp == null || !clock.instant().isBefore(exp)) {
            return MrsRenderer.error(401, 12003, "Invalid or used service ticket.");
        }
        return withNewSession(redirect(base(req) + LOGIN_CHECK));
    }

    private SimResponse loginCheckBody() {
        String body = "{\"id\":-1,\"state\":\"COMPLETE\",\"error_code\":0,\"error_description\":\"\",\"total_progress\":100,"
                + "\"modify_pwd\":false,\"exist_cluster\":true,\"remind_pwd\":false,\"ref_URL\":\"\"}";
        return SimResponse.json(200, body.getBytes(StandardCharsets.UTF_8));
    }

    private SimResponse withNewSession(SimResponse r) {
        String id = Ids.hex32().toUpperCase(Locale.ROOT);
        KnownSecrets.register(id);
        sessions.put(id, clock.instant().plus(sessionLifetime));
        return r.header("Set-Cookie", "JSESSIONID=" + id + "; Path=/web" + (secureCookies ? "; Secure" : "") + "; HttpOnly");
    }

    /** {@code GET /cas/login[?service=...]}: the login form, or a redirect when the CASTGC is still valid. */
    private SimResponse casLoginPage(SimRequest req) {
        String service = req.query().get("service");
        String tgt = req.cookie("CASTGC");
        Instant exp = tgt == null ? null : grantingTickets.get(tgt);
        if (service != null && !service.isBlank() && exp != null && clock.instant().isBefore(exp)) {
            return redirectWithTicket(service, null);
        }
        return loginForm(service, null);
    }

    /** {@code POST /cas/login?service=...} with username, password, lt, _eventId, submit. */
    private SimResponse casLoginSubmit(SimRequest req) {
        String service = req.query().get("service");
        if (service == null || service.isBlank()) {
            return SimResponse.html(400, "<html><body>Missing service parameter.</body></html>");
        }
        Map<String, String> form = req.formBody();
        String lt = form.get("lt");
        String casSession = req.cookie("casSessionId");
        String issuedTo = lt == null ? null : loginTickets.remove(lt);
        if (issuedTo == null || !issuedTo.equals(casSession) || !"submit".equals(form.get("_eventId"))
                || form.get("submit") == null) {
            return loginForm(service, "Your login ticket is invalid or expired; please log in again.");
        }
        if (!credentials.managerUser().equals(form.get("username"))
                || !credentials.managerPassword().equals(form.get("password"))) {
            return loginForm(service, WRONG_CREDENTIALS);
        }
        if (passwordChangeRequired) {
            return redirect(base(req) + "/cas/modify_password.html?service="
                    + URLEncoder.encode(service, StandardCharsets.UTF_8));
        }
        String tgt = "TGT-" + Ids.secret(24) + "-cas";
        KnownSecrets.register(tgt);
        grantingTickets.put(tgt, clock.instant().plus(casLifetime));
        return redirectWithTicket(service, tgt);
    }

    private SimResponse redirectWithTicket(String service, String newTgt) {
        String st = "ST-" + Ids.secret(18) + "-cas";
        KnownSecrets.register(st);
        serviceTickets.put(st, clock.instant().plus(SERVICE_TICKET_LIFETIME));
        SimResponse r = redirect(service + (service.contains("?") ? "&" : "?") + "ticket="
                + URLEncoder.encode(st, StandardCharsets.UTF_8));
        if (newTgt != null) {
            r.header("Set-Cookie", "CASTGC=" + newTgt + "; Path=/cas" + (secureCookies ? "; Secure" : "") + "; HttpOnly");
        }
        return r;
    }

    private static SimResponse redirect(String location) {
        return SimResponse.html(302, "<html><body>Redirecting.</body></html>").header("Location", location);
    }

    private SimResponse loginForm(String service, String error) {
        String casSession = Ids.hex32();
        KnownSecrets.register(casSession);
        String lt = "LT-" + Ids.secret(18);
        loginTickets.put(lt, casSession);
        String action = CAS_LOGIN + (service == null ? "" : "?service=" + URLEncoder.encode(service, StandardCharsets.UTF_8));
        String page = "<!DOCTYPE html>\n<html><head><title>CAS - Central Authentication Service</title></head><body>\n"
                + (error != null ? "<div id=\"msg\" class=\"errors\">" + error + "</div>\n" : "")
                + "<form id=\"fm1\" method=\"post\" action=\"" + action.replace("&", "&amp;") + "\">\n"
                + "<input id=\"username\" name=\"username\" type=\"text\" value=\"\"/>\n"
                + "<input id=\"password\" name=\"password\" type=\"password\" value=\"\"/>\n"
                + "<input type=\"hidden\" name=\"lt\" value=\"" + lt + "\" />\n"
                + "<input type=\"hidden\" name=\"_eventId\" value=\"submit\" />\n"
                + "<input class=\"btn-submit\" name=\"submit\" value=\"Login\" type=\"submit\"/>\n"
                + "</form></body></html>\n";
        return SimResponse.html(200, page).header("Set-Cookie", "casSessionId=" + casSession + "; Path=/cas"
                + (secureCookies ? "; Secure" : "") + "; HttpOnly");
    }

    /** {@code scheme://host:port} of this simulator as the client addressed it. */
    private static String base(SimRequest req) {
        String host = req.header("host");
        return (req.secure() ? "https://" : "http://") + (host == null ? "127.0.0.1" : host);
    }
}
