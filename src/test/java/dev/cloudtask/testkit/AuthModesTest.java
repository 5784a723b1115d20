package dev.cloudtask.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every authentication mode over real HTTP: IAM token, AK/SK, either, and the MRS Manager login flows. */
class AuthModesTest {
    private final VirtualClock clock = VirtualClock.create();
    private CloudSimulator sim;
    private SimHttp http;

    @BeforeEach
    void start() {
        sim = CloudSimulator.builder().clock(clock).auth(SimAuthMode.IAM_TOKEN_OR_AKSK).managerSessionRequired(true)
                .tokenLifetime(Duration.ofHours(1)).sessionLifetime(Duration.ofMinutes(10)).start();
        http = new SimHttp(sim, HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private static String tokenRequest(String user, String password) {
        return "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"" + user
                + "\",\"password\":\"" + password + "\",\"domain\":{\"name\":\"sim-domain\"}}}},"
                + "\"scope\":{\"project\":{\"name\":\"eu-de\"}}}}";
    }

    @Test
    void iamToken_issuedThenUsed_pollAcceptedUntilExpiry() {
        TaskRef ref = sim.createTask(CloudService.CCE, Timeline.builder().build());
        HttpResponse<String> issued = http.post("/v3/auth/tokens", "application/json", tokenRequest("sim-user", "sim-password"));
        assertEquals(201, issued.statusCode());
        String token = issued.headers().firstValue("X-Subject-Token").orElseThrow();
        JsonObject body = SimHttp.json(issued);
        assertEquals(TimeFormats.iam(clock.instant().plus(Duration.ofHours(1))),
                body.getJsonObject("token").getString("expires_at"));
        assertFalse(issued.body().contains(token), "the token is only in the header");
        assertEquals(200, http.get(SimHttp.pollPath(ref), "X-Auth-Token", token).statusCode());
        clock.advance(Duration.ofHours(1));
        HttpResponse<String> expired = http.get(SimHttp.pollPath(ref), "X-Auth-Token", token);
        assertEquals(401, expired.statusCode());
        assertEquals("APIGW.0301", SimHttp.json(expired).getString("error_code"));
        assertEquals("auth:token-expired", last().note());
    }

    @Test
    void iamToken_missingUnknownOrWrongPassword_401() {
        TaskRef ref = sim.createTask(CloudService.DWS, Timeline.builder().build());
        assertEquals(401, http.get(SimHttp.pollPath(ref)).statusCode());
        assertEquals(401, http.get(SimHttp.pollPath(ref), "X-Auth-Token", "forged").statusCode());
        HttpResponse<String> wrong = http.post("/v3/auth/tokens", "application/json", tokenRequest("sim-user", "nope"));
        assertEquals(401, wrong.statusCode());
        assertEquals(401, SimHttp.json(wrong).getJsonObject("error").getInt("code"));
        assertFalse(wrong.headers().firstValue("X-Subject-Token").isPresent());
        assertEquals(400, http.post("/v3/auth/tokens", "application/json", "not json").statusCode());
    }

    @Test
    void iamToken_expireTokens_existingTokenRejected() {
        TaskRef ref = sim.createTask(CloudService.DCS, Timeline.builder().build());
        String token = sim.issueToken();
        assertEquals(200, http.get(SimHttp.pollPath(ref), "X-Auth-Token", token).statusCode());
        sim.expireTokens();
        assertEquals(401, http.get(SimHttp.pollPath(ref), "X-Auth-Token", token).statusCode());
    }

    private HttpResponse<String> signed(String method, String pathAndQuery, String body, String sk, boolean tamper) {
        URI uri = http.uri(pathAndQuery);
        String date = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(clock.instant());
        String host = uri.getHost() + ":" + uri.getPort();
        String canonical = AkSkVerifier.canonicalRequest(method, uri.getRawPath(),
                uri.getRawQuery() == null ? "" : uri.getRawQuery(),
                Map.of("host", List.of(host), "x-sdk-date", List.of(date)), List.of("host", "x-sdk-date"),
                body.getBytes(StandardCharsets.UTF_8));
        String signature = AkSkVerifier.sign(sk, date, canonical);
        URI target = tamper ? http.uri(pathAndQuery + (pathAndQuery.contains("?") ? "&" : "?") + "extra=1") : uri;
        HttpRequest.Builder b = HttpRequest.newBuilder(target)
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("X-Sdk-Date", date)
                .header("Authorization", "SDK-HMAC-SHA256 Access=" + sim.credentials().accessKey()
                        + ", SignedHeaders=host;x-sdk-date, Signature=" + signature);
        if (!body.isEmpty()) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b);
    }

    @Test
    void akSk_validSignature_acceptedForPollAndSubmit() {
        TaskRef ref = sim.createTask(CloudService.DWS, Timeline.builder().build());
        String sk = sim.credentials().secretKey();
        assertEquals(200, signed("GET", SimHttp.pollPath(ref) + "?b=2&a=1", "", sk, false).statusCode());
        HttpResponse<String> submitted = signed("POST", "/v1.0/" + ref.projectId() + "/clusters/c1/cns/batch-create",
                "{\"num\":3}", sk, false);
        assertEquals(200, submitted.statusCode());
        assertEquals(1, sim.journal().totalSubmissions());
    }

    @Test
    void akSk_tamperedOrWrongKey_401WithReasonInJournal() {
        TaskRef ref = sim.createTask(CloudService.CCE, Timeline.builder().build());
        HttpResponse<String> tampered = signed("GET", SimHttp.pollPath(ref), "", sim.credentials().secretKey(), true);
        assertEquals(401, tampered.statusCode());
        assertEquals("APIGW.0301", SimHttp.json(tampered).getString("error_code"));
        assertEquals("auth:aksk signature mismatch", last().note());
        assertEquals(401, signed("GET", SimHttp.pollPath(ref), "", "wrong-secret", false).statusCode());
        assertFalse(tampered.body().contains(sim.credentials().secretKey()));
    }

    @Test
    void akSkOnlyMode_tokenNotAccepted() {
        try (CloudSimulator aksk = CloudSimulator.builder().clock(clock).auth(SimAuthMode.AKSK).start()) {
            TaskRef ref = aksk.createTask(CloudService.DWS, Timeline.builder().build());
            SimHttp h = new SimHttp(aksk);
            assertEquals(401, h.get(SimHttp.pollPath(ref), "X-Auth-Token", aksk.issueToken()).statusCode());
        }
    }

    @Test
    void noAuthMode_noCredentials_accepted() {
        try (CloudSimulator open = CloudSimulator.builder().clock(clock).start()) {
            TaskRef ref = open.createTask(CloudService.DWS, Timeline.builder().build());
            assertEquals(200, new SimHttp(open).get(SimHttp.pollPath(ref)).statusCode());
        }
    }

    private static String form(String... kv) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            sb.append(sb.length() == 0 ? "" : "&").append(kv[i]).append('=')
                    .append(URLEncoder.encode(kv[i + 1], StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    private static String cookie(HttpResponse<String> r, String name) {
        for (String h : r.headers().allValues("Set-Cookie")) {
            if (h.startsWith(name + "=")) {
                return h.substring(name.length() + 1, h.indexOf(';'));
            }
        }
        return null;
    }

    @Test
    void managerNormalCluster_loginCheckOpensSession_pollAcceptedUntilSessionExpires() {
        TaskRef ref = sim.createTask(CloudService.MRS, Timeline.builder().build());
        HttpResponse<String> noSession = http.get(SimHttp.pollPath(ref));
        assertEquals(401, noSession.statusCode());
        assertEquals(12002, SimHttp.json(noSession).getInt("error_code"));
        assertEquals("Session expired.", SimHttp.json(noSession).getString("error_description"));

        HttpResponse<String> ok = http.get("/web/v1/access/login_check");
        assertEquals(200, ok.statusCode());
        assertFalse(SimHttp.json(ok).getBoolean("modify_pwd"));
        String setCookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("Path=/web") && setCookie.contains("HttpOnly"), setCookie);
        String session = cookie(ok, "JSESSIONID");
        assertEquals(200, http.get(SimHttp.pollPath(ref), "Cookie", "JSESSIONID=" + session).statusCode());
        clock.advance(Duration.ofMinutes(10));
        HttpResponse<String> expired = http.get(SimHttp.pollPath(ref), "Cookie", "JSESSIONID=" + session);
        assertEquals(401, expired.statusCode());
        assertEquals(12002, SimHttp.json(expired).getInt("error_code"));
        assertEquals("auth:session-expired", last().note());
        assertEquals(404, http.get("/web/login_check").statusCode(), "no undocumented login path");
    }

    @Test
    void managerSecurityCluster_documentedCasFlow_sessionWorksTicketsSingleUseGrantingCookieReused() {
        sim.managerSecurityCluster(true);
        TaskRef ref = sim.createTask(CloudService.MRS, Timeline.builder().build());
        String service = sim.baseUrl() + "/web/cas_security_check.htm";
        HttpResponse<String> check = http.get("/web/v1/access/login_check");
        assertEquals(302, check.statusCode(), "no session: login_check sends the client to CAS");
        assertEquals(sim.baseUrl() + "/cas/login?service=" + URLEncoder.encode(service, StandardCharsets.UTF_8),
                check.headers().firstValue("Location").orElseThrow());

        HttpResponse<String> page = http.get("/cas/login");
        assertEquals(200, page.statusCode());
        String casSession = cookie(page, "casSessionId");
        String lt = field(page.body(), "lt");
        assertTrue(lt.startsWith("LT-"));
        String post = "/cas/login?service=" + URLEncoder.encode(service, StandardCharsets.UTF_8);

        HttpResponse<String> wrong = http.post(post, "application/x-www-form-urlencoded", form("username", "admin",
                "password", "bad", "lt", lt, "_eventId", "submit", "submit", "Login"), "Cookie", "casSessionId=" + casSession);
        assertEquals(200, wrong.statusCode());
        assertTrue(wrong.body().contains("The credentials you provided cannot be determined to be authentic"));
        assertEquals(null, cookie(wrong, "CASTGC"));

        HttpResponse<String> stale = http.post(post, "application/x-www-form-urlencoded", form("username", "admin",
                "password", "Admin@123", "lt", lt, "_eventId", "submit", "submit", "Login"),
                "Cookie", "casSessionId=" + casSession);
        assertEquals(null, cookie(stale, "CASTGC"), "a login ticket is single use");

        HttpResponse<String> granted = http.post(post, "application/x-www-form-urlencoded", form("username", "admin",
                "password", "Admin@123", "lt", field(stale.body(), "lt"), "_eventId", "submit", "submit", "Login"),
                "Cookie", "casSessionId=" + cookie(stale, "casSessionId"));
        assertEquals(302, granted.statusCode());
        String tgt = cookie(granted, "CASTGC");
        assertTrue(tgt.startsWith("TGT-"));
        String location = granted.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(service + "?ticket=ST-"), location);

        String ticketPath = location.substring(sim.baseUrl().length());
        HttpResponse<String> session = http.get(ticketPath);
        assertEquals(302, session.statusCode());
        assertEquals(sim.baseUrl() + "/web/v1/access/login_check", session.headers().firstValue("Location").orElseThrow());
        String id = cookie(session, "JSESSIONID");
        assertEquals(200, http.get("/web/v1/access/login_check", "Cookie", "JSESSIONID=" + id).statusCode());
        assertEquals(200, http.get(SimHttp.pollPath(ref), "Cookie", "JSESSIONID=" + id).statusCode());
        assertEquals(401, http.get(ticketPath).statusCode(), "a service ticket is single use");

        sim.expireSessions();
        assertEquals(401, http.get(SimHttp.pollPath(ref), "Cookie", "JSESSIONID=" + id).statusCode());
        HttpResponse<String> again = http.get(post, "Cookie", "CASTGC=" + tgt);
        assertEquals(302, again.statusCode(), "a valid CASTGC skips the form");
        String next = again.headers().firstValue("Location").orElseThrow().substring(sim.baseUrl().length());
        String id2 = cookie(http.get(next), "JSESSIONID");
        assertEquals(200, http.get(SimHttp.pollPath(ref), "Cookie", "JSESSIONID=" + id2).statusCode());
        assertEquals(200, http.get(post, "Cookie", "CASTGC=TGT-forged").statusCode(), "invalid CASTGC: the form again");

        sim.managerPasswordChangeRequired(true);
        HttpResponse<String> form = http.get("/cas/login");
        HttpResponse<String> change = http.post(post, "application/x-www-form-urlencoded", form("username", "admin",
                "password", "Admin@123", "lt", field(form.body(), "lt"), "_eventId", "submit", "submit", "Login"),
                "Cookie", "casSessionId=" + cookie(form, "casSessionId"));
        assertEquals(302, change.statusCode());
        assertTrue(change.headers().firstValue("Location").orElseThrow().contains("modify_password.html"));
        assertEquals(null, cookie(change, "CASTGC"));
    }

    private static String field(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        assertTrue(m.find(), "field " + name + " in " + html);
        return m.group(1);
    }

    private JournalEntry last() {
        List<JournalEntry> all = sim.journal().entries();
        return all.get(all.size() - 1);
    }
}
