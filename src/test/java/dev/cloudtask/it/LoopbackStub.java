package dev.cloudtask.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CCE-shaped HTTP endpoint in the test JVM on 127.0.0.1, called by the server JVM under test.
 *
 * <p>{@code GET /api/v3/projects/{project}/jobs/{job}} answers a job whose {@code metadata.uid} is
 * the requested job id and whose phase is {@code Success}, or {@code Failed} for a job id starting
 * with {@code fail}. Anything else is a 404. It counts the requests it served.
 */
final class LoopbackStub implements AutoCloseable {

    private static final Pattern JOB_PATH = Pattern.compile("/api/v3/projects/([^/]+)/jobs/([^/]+)");

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicInteger served = new AtomicInteger();

    private LoopbackStub(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts the stub on 127.0.0.1.
     *
     * @param port the port, 1..65535, or 0 for any free port (see {@link #port()})
     * @throws IllegalArgumentException naming the port when it is out of range
     * @throws IOException when the port cannot be bound (for example, it is in use)
     */
    static LoopbackStub start(int port) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("stub port '" + port + "' is not in 0..65535");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "loopback-stub");
            t.setDaemon(true);
            return t;
        });
        LoopbackStub stub = new LoopbackStub(server, executor);
        server.createContext("/", stub::handle);
        server.setExecutor(executor);
        server.start();
        return stub;
    }

    /** The port it listens on. */
    int port() {
        return server.getAddress().getPort();
    }

    /** The number of requests answered so far, 404s included. */
    int served() {
        return served.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            served.incrementAndGet();
            Matcher m = JOB_PATH.matcher(exchange.getRequestURI().getPath());
            if (!"GET".equals(exchange.getRequestMethod()) || !m.matches()) {
                reply(exchange, 404, "{\"error_code\":\"CCE.01404001\",\"error_msg\":\"not found\"}");
                return;
            }
            String jobId = m.group(2);
            String phase = jobId.startsWith("fail") ? "Failed" : "Success";
            reply(exchange, 200, "{\"kind\":\"Job\",\"metadata\":{\"uid\":\"" + jobId + "\"},"
                    + "\"status\":{\"phase\":\"" + phase + "\"}}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Stops accepting requests and ends its threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
