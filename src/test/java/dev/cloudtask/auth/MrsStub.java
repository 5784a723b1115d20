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
 * A loopback HTTPS MRS Manager with CAS on the same port, following MRS-LOGIN.md: direct
 * {@code login_check}, the CAS form/ticket flow, and the progress API answering 401 error 12002
 * without a valid session. Every session id, TGT and ticket it hands out is recorded in
 * {@link #issued} so tests can check none of them leaks.
 */
final class MrsStub implements AutoCloseable {
    static final String USER = "mrs-admin";
    static final String PASSWORD = "Mrs-S3cret-pw#1&x";

    private final HttpsServer server;
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private final Set<String> tgts = ConcurrentHashMap.newKeySet();
    private final Set<String> tickets = ConcurrentHashMap.newKeySet();
    private final Set<String> lts = ConcurrentHashMap.newKeySet();
    final List<String> issued = new CopyOnWriteArrayList<>();
    final AtomicInteger directLogins = new AtomicInteger();
    final AtomicInteger casCredentialPosts = new AtomicInteger();
    final AtomicInteger ticketChecks = new AtomicInteger();
    final AtomicInteger apiCalls = new AtomicInteger();

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
        server.createContext("/web/login_check", this::loginCheck);
        server.createContext("/web/v1/common/command/", this::progress);
        server.createContext("/cas/login", this::cas);
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

    private String issue(String prefix) {
        String v = prefix + UUID.randomUUID().toString().replace("-", "");
        issued.add(v);
        return v;
    }

    private void newSession(HttpExchange ex) throws IOException {
        String id = issue("S");
        sessions.add(id);
        ex.getResponseHeaders().add("Set-Cookie", "JSESSIONID=" + id + "; Path=/web; Secure; HttpOnly");
        TestSupport.reply(ex, 200, "application/json", "{}");
    }

    private void loginCheck(HttpExchange ex) throws IOException {
        String query = ex.getRequestURI().getRawQuery();
        if ("GET".equals(ex.getRequestMethod()) && query != null && query.startsWith("ticket=")) {
            ticketChecks.incrementAndGet();
            if (tickets.remove(query.substring("ticket=".length()))) {
                newSession(ex);
            } else {
                TestSupport.reply(ex, 401, "application/json", "{\"error_code\":12003,\"error_description\":\"Invalid ticket.\"}");
            }
            return;
        }
        directLogins.incrementAndGet();
        Map<String, String> form = TestSupport.form(TestSupport.body(ex));
        if ("POST".equals(ex.getRequestMethod()) && USER.equals(form.get("username")) && PASSWORD.equals(form.get("password"))) {
            newSession(ex);
        } else {
            TestSupport.reply(ex, 401, "application/json",
                    "{\"error_code\": 12001, \"error_description\": \"Invalid username or password.\"}");
        }
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
        String service = url() + "/web/login_check";
        String expectedQuery = "service=" + URLEncoder.encode(service, StandardCharsets.UTF_8);
        if (!expectedQuery.equals(ex.getRequestURI().getRawQuery())) {
            TestSupport.reply(ex, 400, "text/html", "<html>bad service " + ex.getRequestURI().getRawQuery() + "</html>");
            return;
        }
        if ("GET".equals(ex.getRequestMethod())) {
            String tgt = TestSupport.cookie(ex, "CASTGC");
            if (tgt != null && tgts.contains(tgt)) {
                redirectWithTicket(ex, service);
            } else {
                loginPage(ex, false);
            }
            return;
        }
        casCredentialPosts.incrementAndGet();
        Map<String, String> form = TestSupport.form(TestSupport.body(ex));
        boolean ok = lts.remove(String.valueOf(form.get("lt"))) && "e1s1".equals(form.get("execution"))
                && "submit".equals(form.get("_eventId"))
                && USER.equals(form.get("username")) && PASSWORD.equals(form.get("password"));
        if (!ok) {
            loginPage(ex, true);
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
        ex.getResponseHeaders().set("Location", service + "?ticket=" + ticket);
        TestSupport.reply(ex, 302, null, null);
    }

    private void loginPage(HttpExchange ex, boolean errors) throws IOException {
        String lt = issue("LT-");
        lts.add(lt);
        String html = "<html><body><form method=\"post\">"
                + (errors ? "<div id=\"msg\" class=\"errors\">Invalid credentials.</div>" : "")
                + "<input id=\"username\" name=\"username\" type=\"text\"/>"
                + "<input type=\"hidden\" name=\"lt\" value=\"" + lt + "\" />"
                + "<input type=\"hidden\" name=\"execution\" value=\"e1s1\" />"
                + "<input type=\"hidden\" name=\"_eventId\" value=\"submit\" /></form></body></html>";
        TestSupport.reply(ex, 200, "text/html;charset=UTF-8", html);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
