package dev.cloudtask.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback IAM token endpoint plus a CCE-like API that accepts only the newest token.
 * Token values are {@code tok-<n>-<random>}, so tests can check none of them leaks.
 */
final class IamStub implements AutoCloseable {
    static final String USER = "batch-user";
    static final String PASSWORD = "Iam-Pa55w0rd!secret";
    static final String DOMAIN = "acme-domain";

    private final HttpServer server;
    private final Clock clock;
    private final AtomicInteger tokenRequests = new AtomicInteger();
    final List<String> tokenRequestBodies = new CopyOnWriteArrayList<>();
    final List<String> issuedTokens = new CopyOnWriteArrayList<>();
    final List<String> apiTokensSeen = new CopyOnWriteArrayList<>();
    volatile Duration tokenLife = Duration.ofHours(24);
    /** How far the token service's clock (issued_at, expires_at) runs ahead of the test clock. */
    volatile Duration serviceSkew = Duration.ZERO;
    /** When set, the token's {@code expires_at} as sent (instead of issued_at + {@link #tokenLife}). */
    volatile String expiresAtText;
    /** When set, a token request waits for this latch before answering. */
    volatile CountDownLatch holdTokenRequests;

    IamStub(Clock clock) throws IOException {
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v3/auth/tokens", this::token);
        server.createContext("/api/v3/projects/", this::api);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int tokenRequests() {
        return tokenRequests.get();
    }

    private void token(HttpExchange ex) throws IOException {
        String body = TestSupport.body(ex);
        tokenRequests.incrementAndGet();
        tokenRequestBodies.add(body);
        CountDownLatch hold = holdTokenRequests;
        if (hold != null) {
            try {
                hold.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!"POST".equals(ex.getRequestMethod()) || !body.contains("\"password\":\"" + PASSWORD + "\"")
                || !body.contains("\"name\":\"" + USER + "\"")) {
            TestSupport.reply(ex, 401, "application/json",
                    "{\"error\":{\"code\":\"401\",\"message\":\"The username or password is wrong.\",\"title\":\"Unauthorized\"}}");
            return;
        }
        String token = "tok-" + issuedTokens.size() + "-" + Long.toHexString(System.nanoTime());
        issuedTokens.add(token);
        ex.getResponseHeaders().set("X-Subject-Token", token);
        java.time.Instant issued = clock.instant().plus(serviceSkew);
        String expires = expiresAtText != null ? expiresAtText : issued.plus(tokenLife).toString();
        TestSupport.reply(ex, 201, "application/json", "{\"token\":{\"expires_at\":\"" + expires
                + "\",\"issued_at\":\"" + issued + "\",\"methods\":[\"password\"]}}");
    }

    private void api(HttpExchange ex) throws IOException {
        String token = ex.getRequestHeaders().getFirst("X-Auth-Token");
        apiTokensSeen.add(String.valueOf(token));
        if (token == null || issuedTokens.isEmpty() || !token.equals(issuedTokens.get(issuedTokens.size() - 1))) {
            TestSupport.reply(ex, 401, "application/json",
                    "{\"error_code\":\"APIGW.0301\",\"error_msg\":\"Incorrect IAM authentication information\"}");
            return;
        }
        TestSupport.reply(ex, 200, "application/json", "{\"status\":{\"phase\":\"Running\"}}");
    }

    /** Makes every issued token invalid at the API (as if revoked); the next one works. */
    void revokeAll() {
        issuedTokens.add("revoked-" + issuedTokens.size());
    }

    Map<String, String> config(String prefix) {
        return Map.of(prefix + "auth", "iam", prefix + "iam.url", url(), prefix + "iam.user", USER,
                prefix + "iam.password", PASSWORD, prefix + "iam.domain", DOMAIN);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
