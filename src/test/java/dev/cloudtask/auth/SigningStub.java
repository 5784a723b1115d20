package dev.cloudtask.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback API Gateway that verifies SDK-HMAC-SHA256 signatures from what arrived on the wire:
 * 200 when the signature matches (recomputed with {@link AkSkSigner}), 401 otherwise.
 */
final class SigningStub implements AutoCloseable {
    static final String AK = "AKTESTACCESSKEY0001";
    static final String SK = "Sk-Very-Secret-Value-0001/xyz";
    private static final Pattern AUTH = Pattern.compile(
            "SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");

    /** What one request looked like on the wire. */
    record Seen(String method, String rawUri, Map<String, String> headers, byte[] body, boolean valid) {
    }

    private final HttpServer server;
    final CopyOnWriteArrayList<Seen> seen = new CopyOnWriteArrayList<>();

    SigningStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    Seen last() {
        return seen.get(seen.size() - 1);
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        Map<String, String> headers = new TreeMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        boolean valid = verify(ex.getRequestMethod(), ex.getRequestURI().toString(), headers, body);
        seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().toString(), headers, body, valid));
        TestSupport.reply(ex, valid ? 200 : 401, "application/json",
                valid ? "{\"status\":\"RUNNING\"}" : "{\"error_code\":\"APIGW.0301\",\"error_msg\":\"Incorrect signature\"}");
    }

    /** Verifies a request the way the gateway does: recompute over the headers the client says it signed. */
    static boolean verify(String method, String rawPathAndQuery, Map<String, String> headers, byte[] body) {
        Matcher m = AUTH.matcher(headers.getOrDefault("authorization", ""));
        if (!m.matches() || !AK.equals(m.group(1))) {
            return false;
        }
        Map<String, String> signed = new TreeMap<>();
        for (String name : m.group(2).split(";")) {
            String value = headers.get(name);
            if (value == null) {
                return false;
            }
            signed.put(name, value);
        }
        URI uri = URI.create("http://" + headers.get("host") + rawPathAndQuery);
        String expected = AkSkSigner.sign(method, uri, signed, body, AK, Secret.of("sk", SK)).signature();
        return expected.equals(m.group(3));
    }

    static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
