package dev.cloudtask.reliability;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback stub (127.0.0.1, ephemeral port) that answers every request with a 200 JSON body of a
 * given size, generated while it is written (the server never holds the body), either announced with
 * {@code Content-Length} or chunked. It counts the bytes it managed to write, so a test can see that
 * the client stopped reading early.
 */
final class HugeBodyServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private volatile long size;
    private volatile boolean announceLength;
    private volatile String prefix = "{\"status\":\"RUNNING\",\"padding\":\"";

    HugeBodyServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "huge-body-stub");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            byte[] head = prefix.getBytes(StandardCharsets.US_ASCII);
            byte[] tail = "\"}".getBytes(StandardCharsets.US_ASCII);
            long total = size;
            exchange.sendResponseHeaders(200, announceLength ? total : 0);
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'a');
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(head);
                long left = total - head.length - tail.length;
                while (left > 0) {
                    int n = (int) Math.min(chunk.length, left);
                    out.write(chunk, 0, n);
                    written.addAndGet(n);
                    left -= n;
                }
                out.write(tail);
            } catch (IOException e) {
                // the client closed the connection: the point of the test
            }
        });
        server.start();
    }

    /** Serves bodies of {@code bytes} bytes; with {@code announce} a Content-Length, else chunked. */
    HugeBodyServer body(long bytes, boolean announce) {
        this.size = bytes;
        this.announceLength = announce;
        this.written.set(0);
        return this;
    }

    long requests() {
        return requests.get();
    }

    long written() {
        return written.get();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
