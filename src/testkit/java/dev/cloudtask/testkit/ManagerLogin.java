package dev.cloudtask.testkit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MRS Manager sessions, as in the shared login contract (MRS-LOGIN.md): direct
 * {@code POST /web/login_check} with a form, and the CAS flow ({@code GET/POST /cas/login}, service
 * ticket redeemed at {@code GET /web/login_check?ticket=}). Sessions and CAS tickets live on the
 * simulator's clock; a service ticket is single use.
 */
final class ManagerLogin {
    /** Result of checking a {@code JSESSIONID}. */
    enum Check { VALID, MISSING, UNKNOWN, EXPIRED }

    static final int ERR_BAD_CREDENTIALS = 12001;
    static final int ERR_SESSION_EXPIRED = 12002;
    private static final Duration SERVICE_TICKET_LIFETIME = Duration.ofMinutes(5);

    private final Clock clock;
    private final SimCredentials credentials;
    private final boolean secureCookies;
    private volatile Duration sessionLifetime;
    private volatile Duration casLifetime;
    private final Map<String, Instant> sessions = new ConcurrentHashMap<>();
    private final Map<String, Instant> grantingTickets = new ConcurrentHashMap<>();
    private final Map<String, Instant> serviceTickets = new ConcurrentHashMap<>();
    private final Map<String, Boolean> loginTickets = new ConcurrentHashMap<>();

    ManagerLogin(Clock clock, SimCredentials credentials, Duration sessionLifetime, Duration casLifetime,
            boolean secureCookies) {
        this.clock = clock;
        this.credentials = credentials;
        this.sessionLifetime = sessionLifetime;
        this.casLifetime = casLifetime;
        this.secureCookies = secureCookies;
    }

    void sessionLifetime(Duration value) {
        this.sessionLifetime = value;
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

    /** Number of sessions ever created and still known. */
    int sessionCount() {
        return sessions.size();
    }

    /** {@code POST /web/login_check} (form) or {@code GET /web/login_check?ticket=ST-...}. */
    SimResponse loginCheck(SimRequest req) {
        if ("GET".equals(req.method())) {
            String ticket = req.query().get("ticket");
            Instant exp = ticket == null ? null : serviceTickets.remove(ticket);
            if (exp == null || !clock.instant().isBefore(exp)) {
                return MrsRenderer.error(401, ERR_BAD_CREDENTIALS, "Invalid or used service ticket.");
            }
            return newSession();
        }
        if (!"POST".equals(req.method())) {
            return MrsRenderer.error(405, 12000, "Method not allowed.");
        }
        Map<String, String> form = req.formBody();
        if (!credentialsMatch(form.get("username"), form.get("password"))) {
            return MrsRenderer.error(401, ERR_BAD_CREDENTIALS, "Invalid username or password.");
        }
        return newSession();
    }

    private SimResponse newSession() {
        String id = Ids.hex32().toUpperCase(java.util.Locale.ROOT);
        KnownSecrets.register(id);
        sessions.put(id, clock.instant().plus(sessionLifetime));
        return SimResponse.json(200, "{\"result\":\"success\"}".getBytes(StandardCharsets.UTF_8))
                .header("Set-Cookie", "JSESSIONID=" + id + "; Path=/web" + (secureCookies ? "; Secure" : "") + "; HttpOnly");
    }

    /** {@code GET /cas/login?service=...}: the login form, or a redirect when the CASTGC is still valid. */
    SimResponse casLoginPage(SimRequest req) {
        String service = req.query().get("service");
        if (service == null || service.isBlank()) {
            return SimResponse.html(400, "<html><body>Missing service parameter.</body></html>");
        }
        String tgt = req.cookie("CASTGC");
        Instant exp = tgt == null ? null : grantingTickets.get(tgt);
        if (exp != null && clock.instant().isBefore(exp)) {
            return redirectWithTicket(service, null);
        }
        return loginForm(service, false);
    }

    /** {@code POST /cas/login?service=...} with username, password, lt, execution, _eventId. */
    SimResponse casLoginSubmit(SimRequest req) {
        String service = req.query().get("service");
        if (service == null || service.isBlank()) {
            return SimResponse.html(400, "<html><body>Missing service parameter.</body></html>");
        }
        Map<String, String> form = req.formBody();
        String lt = form.get("lt");
        boolean ltValid = lt != null && loginTickets.remove(lt) != null;
        if (!ltValid || !"e1s1".equals(form.get("execution")) || !"submit".equals(form.get("_eventId"))
                || !credentialsMatch(form.get("username"), form.get("password"))) {
            return loginForm(service, true);
        }
        String tgt = "TGT-" + Ids.secret(24) + "-cas";
        grantingTickets.put(tgt, clock.instant().plus(casLifetime));
        return redirectWithTicket(service, tgt);
    }

    private SimResponse redirectWithTicket(String service, String newTgt) {
        String st = "ST-" + Ids.secret(18) + "-cas";
        serviceTickets.put(st, clock.instant().plus(SERVICE_TICKET_LIFETIME));
        String location = service + (service.contains("?") ? "&" : "?") + "ticket="
                + URLEncoder.encode(st, StandardCharsets.UTF_8);
        SimResponse r = SimResponse.html(302, "<html><body>Redirecting.</body></html>").header("Location", location);
        if (newTgt != null) {
            r.header("Set-Cookie", "CASTGC=" + newTgt + "; Path=/cas" + (secureCookies ? "; Secure" : ""));
        }
        return r;
    }

    private SimResponse loginForm(String service, boolean error) {
        String lt = "LT-" + Ids.secret(18);
        loginTickets.put(lt, Boolean.TRUE);
        String action = "/cas/login?service=" + URLEncoder.encode(service, StandardCharsets.UTF_8);
        String page = "<!DOCTYPE html>\n<html><head><title>CAS - Central Authentication Service</title></head><body>\n"
                + (error ? "<div id=\"msg\" class=\"errors\">The credentials you provided cannot be determined to be authentic.</div>\n" : "")
                + "<form id=\"fm1\" method=\"post\" action=\"" + action.replace("&", "&amp;") + "\">\n"
                + "<input id=\"username\" name=\"username\" type=\"text\" value=\"\"/>\n"
                + "<input id=\"password\" name=\"password\" type=\"password\" value=\"\"/>\n"
                + "<input type=\"hidden\" name=\"lt\" value=\"" + lt + "\">\n"
                + "<input type=\"hidden\" name=\"execution\" value=\"e1s1\">\n"
                + "<input type=\"hidden\" name=\"_eventId\" value=\"submit\">\n"
                + "<input class=\"btn-submit\" name=\"submit\" value=\"LOGIN\" type=\"submit\"/>\n"
                + "</form></body></html>\n";
        return SimResponse.html(200, page);
    }

    private boolean credentialsMatch(String user, String password) {
        return credentials.managerUser().equals(user) && credentials.managerPassword().equals(password);
    }
}
