package dev.cloudtask.testkit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;

/**
 * A small blocking HTTP/1.1 server: one daemon thread per open connection (small stacks, threads
 * are reused), persistent connections, and the wire-level faults of {@link SimResponse.Action}.
 *
 * <p>{@link #close()} closes the listening socket and every open connection (which also ends
 * hanging responses), then waits briefly for the connection threads to finish: nothing leaks.
 */
final class SimHttpServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SimHttpServer.class.getName());
    /** An idle keep-alive connection is closed after this long without a request (real time). */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);
    private static final long THREAD_STACK_BYTES = 512 * 1024;
    private static final int BACKLOG = 4096;
    private static final AtomicInteger SERVER_IDS = new AtomicInteger();

    private final ServerSocket serverSocket;
    private final boolean secure;
    private final Function<SimRequest, SimResponse> handler;
    private final Clock httpDateClock;
    private final ExecutorService workers;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private final String threadPrefix;
    private volatile boolean stopped;

    private SimHttpServer(ServerSocket serverSocket, boolean secure, Function<SimRequest, SimResponse> handler,
            Clock httpDateClock) {
        this.serverSocket = serverSocket;
        this.secure = secure;
        this.handler = handler;
        this.httpDateClock = httpDateClock;
        int id = SERVER_IDS.incrementAndGet();
        this.threadPrefix = "cloud-sim-" + id + "-";
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(null, r, "cloud-sim-" + id + "-conn-" + threads.incrementAndGet(),
                            THREAD_STACK_BYTES);
                    t.setDaemon(true);
                    return t;
                });
        this.acceptor = new Thread(this::acceptLoop, "cloud-sim-" + id + "-accept");
        this.acceptor.setDaemon(true);
    }

    /**
     * Binds and starts serving.
     *
     * @param bind the address to bind (127.0.0.1 by default)
     * @param port the port, 0 for a free one
     * @param tls the TLS context for HTTPS, or null for plain HTTP
     * @param handler turns a request into a response; must not throw
     * @param httpDateClock the clock for the {@code Date} header
     */
    static SimHttpServer start(InetAddress bind, int port, SSLContext tls, Function<SimRequest, SimResponse> handler,
            Clock httpDateClock) throws IOException {
        ServerSocket ss = tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
        ss.setReuseAddress(true);
        ss.bind(new java.net.InetSocketAddress(bind, port), BACKLOG);
        SimHttpServer server = new SimHttpServer(ss, tls != null, handler, httpDateClock);
        server.acceptor.start();
        return server;
    }

    /** The bound port. */
    int port() {
        return serverSocket.getLocalPort();
    }

    /** The address and port the server socket is bound to. */
    java.net.InetSocketAddress boundAddress() {
        return (java.net.InetSocketAddress) serverSocket.getLocalSocketAddress();
    }

    /** The name prefix of this server's threads ({@code cloud-sim-<n>-}). */
    String threadPrefix() {
        return threadPrefix;
    }

    /** Number of currently open client connections. */
    int openConnections() {
        return open.size();
    }

    /**
     * Accepts until stopped. A failed accept (e.g. too many open files under load) does not end the
     * loop: it backs off briefly and tries again.
     */
    private void acceptLoop() {
        int failures = 0;
        while (!stopped) {
            Socket s;
            try {
                s = serverSocket.accept();
                failures = 0;
            } catch (IOException | RuntimeException e) {
                if (stopped || serverSocket.isClosed()) {
                    return;
                }
                if (failures++ == 0) {
                    warnQuietly("simulator accept failed (retrying): " + e);
                }
                backOff();
                continue;
            }
            open.add(s);
            try {
                workers.execute(() -> serve(s));
            } catch (RuntimeException | OutOfMemoryError e) {
                open.remove(s);
                closeQuietly(s);
            }
        }
    }

    /** Logs without letting a logging failure (e.g. no file descriptors left) end the accept loop. */
    private static void warnQuietly(String message) {
        try {
            LOG.warning(message);
        } catch (RuntimeException | Error e) {
            // nothing sensible left to do; keep accepting
        }
    }

    private static void backOff() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(Socket s) {
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout((int) IDLE_TIMEOUT.toMillis());
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = new BufferedOutputStream(s.getOutputStream());
            while (!stopped) {
                SimRequest req;
                try {
                    req = RequestReader.read(in, out, secure);
                } catch (RequestReader.BadRequestException e) {
                    write(out, SimResponse.empty(400), false);
                    return;
                }
                if (req == null) {
                    return;
                }
                SimResponse resp = handler.apply(req);
                if (resp.delay != null && !holdBack(resp.delay)) {
                    return;
                }
                boolean keepAlive = !"close".equalsIgnoreCase(req.header("connection")) && !stopped;
                switch (resp.action) {
                    case SEND -> {
                        write(out, resp, keepAlive);
                        if (!keepAlive) {
                            return;
                        }
                    }
                    case RESET -> {
                        s.setSoLinger(true, 0);
                        return;
                    }
                    case HANG -> {
                        hang(s, in);
                        return;
                    }
                    case TRUNCATE -> {
                        writeTruncated(out, resp);
                        return;
                    }
                    default -> throw new IllegalStateException("unknown action " + resp.action);
                }
            }
        } catch (SocketTimeoutException | SocketException | java.io.EOFException e) {
            // idle timeout, client gone, or simulator stopping: just close
        } catch (IOException | RuntimeException e) {
            if (!stopped) {
                LOG.log(Level.FINE, "simulator connection ended", e);
            }
        } finally {
            open.remove(s);
            closeQuietly(s);
        }
    }

    /** Sleeps {@code d} (real time); false when the simulator stopped meanwhile. */
    private boolean holdBack(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (!stopped && System.nanoTime() < end) {
            try {
                Thread.sleep(Math.max(1, Math.min(50, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                return false;
            }
        }
        return !stopped;
    }

    /** Waits until the client closes the connection or the simulator stops; never answers. */
    private void hang(Socket s, InputStream in) throws IOException {
        s.setSoTimeout(0);
        while (!stopped && in.read() >= 0) {
            // discard anything the client sends; keep waiting
        }
    }

    private void write(OutputStream out, SimResponse resp, boolean keepAlive) throws IOException {
        out.write(head(resp, resp.body.length, keepAlive));
        out.write(resp.body);
        out.flush();
    }

    private void writeTruncated(OutputStream out, SimResponse resp) throws IOException {
        out.write(head(resp, resp.body.length, true));
        out.write(resp.body, 0, resp.body.length / 2);
        out.flush();
    }

    private byte[] head(SimResponse resp, int contentLength, boolean keepAlive) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("HTTP/1.1 ").append(resp.status).append(' ').append(reason(resp.status)).append("\r\n");
        boolean ownDate = resp.headers.stream().anyMatch(h -> h[0].equalsIgnoreCase("Date"));
        if (!ownDate) {
            sb.append("Date: ").append(TimeFormats.HTTP.format(httpDateClock.instant())).append("\r\n");
        }
        sb.append("Server: cloudtask-simulator\r\n");
        for (String[] h : resp.headers) {
            sb.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        sb.append("Content-Length: ").append(contentLength).append("\r\n");
        sb.append("Connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(200, "OK"), Map.entry(201, "Created"), Map.entry(202, "Accepted"),
            Map.entry(204, "No Content"), Map.entry(302, "Found"), Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"), Map.entry(429, "Too Many Requests"),
            Map.entry(500, "Internal Server Error"), Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    static String reason(int status) {
        return REASONS.getOrDefault(status, "Status " + status);
    }

    /** Stops accepting, closes every connection (ending hanging responses), and waits for the threads. */
    @Override
    public void close() {
        stopped = true;
        closeQuietly(serverSocket);
        for (Socket s : open) {
            closeQuietly(s);
        }
        workers.shutdownNow();
        try {
            acceptor.join(5_000);
            for (Socket s : open) {
                closeQuietly(s); // accepted while stopping
            }
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warning("simulator connection threads did not end within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
