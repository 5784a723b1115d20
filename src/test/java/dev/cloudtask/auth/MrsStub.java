package dev.cloudtask.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A loopback HTTPS MRS Manager with CAS on the same port, written from the MRS Manager API reference
 * ("API Calling Process", "Logging In to the CAS", "Checking the Login"): {@code GET /cas/login}
 * sets {@code casSessionId} and serves the form with {@code lt}; {@code POST /cas/login?service=...}
 * sets {@code CASTGC}; {@code GET /web/v1/access/login_check} opens the session on a normal cluster,
 * or on a security cluster sends a client without session through CAS and
 * {@code /web/cas_security_check.htm}. The progress API answers 401 error 12002 without a valid
 * session. Every secret it hands out is recorded in {@link #issued}; every request in {@link #requests}.
 */
final class MrsStub implements AutoCloseable {
    static final String USER = "mrs-admin";
    static final String PASSWORD = "Mrs-S3cret-pw#1&x";
    static final String WRONG = "The credentials you provided cannot be determined to be authentic.";

    private final HttpsServer server;
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private final Set<String> tgts = ConcurrentHashMap.newKeySet();
    private final Set<String> tickets = ConcurrentHashMap.newKeySet();
    private final Map<String, String> lts = new ConcurrentHashMap<>();
    final List<String> issued = new CopyOnWriteArrayList<>();
    /** {@code METHOD path} of every request, in order. */
    final List<String> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger casCredentialPosts = new AtomicInteger();
    final AtomicInteger apiCalls = new AtomicInteger();
    volatile boolean securityCluster;
    volatile boolean passwordChangeRequired;
    /** Whether cas_security_check.htm sends the browser to the Manager's home page instead of login_check. */
    volatile boolean securityCheckLandsOnHome;

    MrsStub(Path keyStore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, TestCerts.STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, TestCerts.STORE_PASSWORD.toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    void expireSessions() {
        sessions.clear();
    }

    void expireTicketGrantingTickets() {
        tgts.clear();
    }

    /** How many requests went to {@code METHOD path}. */
    long count(String methodAndPath) {
        return requests.stream().filter(methodAndPath::equals).count();
    }

    private String issue(String prefix) {
        String v = prefix + UUID.randomUUID().toString().replace("-", "");
        issued.add(v);
        return v;
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        requests.add(ex.getRequestMethod() + " " + path);
        switch (path) {
            case "/cas/login" -> cas(ex);
            case "/web/cas_security_check.htm" -> securityCheck(ex);
            case "/web/v1/access/login_check" -> loginCheck(ex);
            case "/web/index.html" -> TestSupport.reply(ex, 200, "text/html", "<html><body>MRS Manager</body></html>");
            default -> {
                if (path.startsWith("/web/v1/common/command/")) {
                    progress(ex);
                } else {
                    TestSupport.reply(ex, 404, "application/json", "{\"error_code\":404,\"error_description\":\"Not found.\"}");
                }
            }
        }
    }

    private void loginCheck(HttpExchange ex) throws IOException {
        String session = TestSupport.cookie(ex, "JSESSIONID");
        if (session != null && sessions.contains(session)) {
            TestSupport.reply(ex, 200, "application/json", "{\"state\":\"COMPLETE\",\"modify_pwd\":false}");
        } else if (!securityCluster) {
            newSession(ex);
            TestSupport.reply(ex, 200, "application/json", "{\"state\":\"COMPLETE\",\"modify_pwd\":false}");
        } else {
            redirect(ex, url() + "/cas/login?service="
                    + URLEncoder.encode(url() + "/web/cas_security_check.htm", StandardCharsets.UTF_8));
        }
    }

    private void securityCheck(HttpExchange ex) throws IOException {
        String query = ex.getRequestURI().getRawQuery();
        if (query != null && query.startsWith("ticket=") && tickets.remove(query.substring("ticket=".length()))) {
            newSession(ex);
            redirect(ex, url() + (securityCheckLandsOnHome ? "/web/index.html" : "/web/v1/access/login_check"));
        } else {
            TestSupport.reply(ex, 401, "application/json", "{\"error_code\":12003,\"error_description\":\"Invalid ticket.\"}");
        }
    }

    private void newSession(HttpExchange ex) {
        String id = issue("S");
        sessions.add(id);
        ex.getResponseHeaders().add("Set-Cookie", "JSESSIONID=" + id + "; Path=/web; Secure; HttpOnly");
    }

    private void progress(HttpExchange ex) throws IOException {
        apiCalls.incrementAndGet();
        String session = TestSupport.cookie(ex, "JSESSIONID");
        if (session == null || !sessions.contains(session)) {
            TestSupport.reply(ex, 401, "application/json", "{\"error_code\": 12002, \"error_description\": \"Session expired.\"}");
            return;
        }
        TestSupport.reply(ex, 200, "application/json", "{\"state\":\"IN_PROGRESS\",\"total_progress\":40}");
    }

    private void cas(HttpExchange ex) throws IOException {
        String query = ex.getRequestURI().getRawQuery();
        String service = query != null && query.startsWith("service=")
                ? java.net.URLDecoder.decode(query.substring("service=".length()), StandardCharsets.UTF_8) : null;
        if ("GET".equals(ex.getRequestMethod())) {
            String tgt = TestSupport.cookie(ex, "CASTGC");
            if (service != null && tgt != null && tgts.contains(tgt)) {
                redirectWithTicket(ex, service);
            } else {
                loginPage(ex, null);
            }
            return;
        }
        casCredentialPosts.incrementAndGet();
        if (!(url() + "/web/cas_security_check.htm").equals(service)) {
            TestSupport.reply(ex, 400, "text/html", "<html>unknown service</html>");
            return;
        }
        Map<String, String> form = TestSupport.form(TestSupport.body(ex));
        String casSession = TestSupport.cookie(ex, "casSessionId");
        boolean ticketOk = casSession != null && casSession.equals(lts.remove(String.valueOf(form.get("lt"))))
                && "submit".equals(form.get("_eventId")) && "Login".equals(form.get("submit"));
        if (!ticketOk || !USER.equals(form.get("username")) || !PASSWORD.equals(form.get("password"))) {
            loginPage(ex, WRONG);
            return;
        }
        if (passwordChangeRequired) {
            redirect(ex, url() + "/cas/modify_password.html");
            return;
        }
        String tgt = issue("TGT-");
        tgts.add(tgt);
        ex.getResponseHeaders().add("Set-Cookie", "CASTGC=" + tgt + "; Path=/cas; Secure");
        redirectWithTicket(ex, service);
    }

    private void redirectWithTicket(HttpExchange ex, String service) throws IOException {
        String ticket = issue("ST-");
        tickets.add(ticket);
        redirect(ex, service + "?ticket=" + ticket);
    }

    private static void redirect(HttpExchange ex, String location) throws IOException {
        ex.getResponseHeaders().set("Location", location);
        TestSupport.reply(ex, 302, null, null);
    }

    private void loginPage(HttpExchange ex, String error) throws IOException {
        String casSession = issue("CS");
        String lt = issue("LT-");
        lts.put(lt, casSession);
        ex.getResponseHeaders().add("Set-Cookie", "casSessionId=" + casSession + "; Path=/cas; Secure");
        String html = "<html><body>" + (error == null ? "" : "<div id=\"msg\" class=\"errors\">" + error + "</div>\n")
                + "<form method=\"post\">\n<input id=\"username\" name=\"username\" type=\"text\"/>\n"
                + "<input type=\"hidden\" name=\"lt\" value=\"" + lt + "\" />\n"
                + "<input type=\"hidden\" name=\"_eventId\" value=\"submit\" />\n"
                + "<input name=\"submit\" value=\"Login\" type=\"submit\"/></form></body></html>";
        TestSupport.reply(ex, 200, "text/html;charset=UTF-8", html);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
