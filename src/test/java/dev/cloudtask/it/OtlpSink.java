package dev.cloudtask.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.logging.Logger;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver in the test JVM, started by {@link OtlpSinkExtension}, for the
 * servers' OpenTelemetry SDK to export spans to: {@code POST /v1/traces} takes an
 * {@code ExportTraceServiceRequest} (protobuf, gzip or not) and answers 200 with an empty response;
 * {@code GET /received} gives back every request body received so far, each preceded by its length
 * as four bytes, big-endian (read by {@link OtlpTraces}). Not deployed to the servers.
 */
final class OtlpSink {

    private static final Logger LOG = Logger.getLogger(OtlpSink.class.getName());

    private OtlpSink() {
    }

    /** Starts the receiver on the loopback address; closing it stops it. */
    static AutoCloseable start(int port) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/v1/traces", exchange -> {
            try (exchange) {
                if (!exchange.getRequestMethod().equals("POST")) {
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                byte[] body = body(exchange);
                synchronized (received) {
                    received.write(body.length >>> 24);
                    received.write(body.length >>> 16);
                    received.write(body.length >>> 8);
                    received.write(body.length);
                    received.write(body);
                }
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1); // an empty ExportTraceServiceResponse
            }
        });
        server.createContext("/received", exchange -> {
            try (exchange) {
                byte[] all;
                synchronized (received) {
                    all = received.toByteArray();
                }
                exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
                exchange.sendResponseHeaders(200, all.length == 0 ? -1 : all.length);
                exchange.getResponseBody().write(all);
            }
        });
        server.start();
        LOG.info(() -> "OTLP trace receiver for the servers under test at http://127.0.0.1:" + port + "/v1/traces");
        return () -> server.stop(0);
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new GZIPInputStream(in);
        }
        return in.readAllBytes();
    }
}
