package dev.cloudtask.testkit;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one HTTP/1.1 request from a stream: request line, headers, and a body given by
 * {@code Content-Length} or {@code Transfer-Encoding: chunked}. Answers {@code Expect: 100-continue}.
 */
final class RequestReader {
    static final int MAX_LINE = 16 * 1024;
    static final int MAX_HEADERS = 200;
    static final int MAX_BODY = 4 * 1024 * 1024;

    /** A request that cannot be parsed; the server answers 400 and closes. */
    static final class BadRequestException extends IOException {
        BadRequestException(String message) {
            super(message);
        }
    }

    private RequestReader() {
    }

    /**
     * Reads the next request.
     *
     * @return the request, or null at a clean end of stream before a request starts
     * @throws BadRequestException when the bytes are not an HTTP/1.x request
     */
    static SimRequest read(InputStream in, OutputStream out, boolean secure) throws IOException {
        String line = readLine(in, true);
        while (line != null && line.isEmpty()) {
            line = readLine(in, true); // tolerate stray CRLF between requests
        }
        if (line == null) {
            return null;
        }
        String[] parts = line.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new BadRequestException("malformed request line");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; ; i++) {
            String h = readLine(in, false);
            if (h.isEmpty()) {
                break;
            }
            if (i >= MAX_HEADERS) {
                throw new BadRequestException("too many headers");
            }
            int colon = h.indexOf(':');
            if (colon <= 0) {
                throw new BadRequestException("malformed header");
            }
            headers.computeIfAbsent(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(h.substring(colon + 1).trim());
        }
        if ("100-continue".equalsIgnoreCase(first(headers, "expect"))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        byte[] body;
        String te = first(headers, "transfer-encoding");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = readChunked(in);
        } else {
            String cl = first(headers, "content-length");
            int length = 0;
            if (cl != null) {
                try {
                    length = Integer.parseInt(cl.trim());
                } catch (NumberFormatException e) {
                    throw new BadRequestException("malformed Content-Length");
                }
            }
            if (length < 0 || length > MAX_BODY) {
                throw new BadRequestException("Content-Length out of range");
            }
            body = in.readNBytes(length);
            if (body.length != length) {
                throw new EOFException("body shorter than Content-Length");
            }
        }
        return new SimRequest(parts[0].toUpperCase(Locale.ROOT), parts[1], headers, body, secure);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in, false);
            int semi = sizeLine.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new BadRequestException("malformed chunk size");
            }
            if (size < 0 || body.size() + size > MAX_BODY) {
                throw new BadRequestException("chunked body too large");
            }
            if (size == 0) {
                while (!readLine(in, false).isEmpty()) {
                    // trailers are ignored
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length != size) {
                throw new EOFException("chunk shorter than announced");
            }
            body.write(chunk);
            readLine(in, false);
        }
    }

    /** Reads a CRLF (or LF) terminated line; null at end of stream only when {@code eofOk}. */
    private static String readLine(InputStream in, boolean eofOk) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (eofOk && sb.length() == 0) {
                    return null;
                }
                throw new EOFException("connection closed inside a request");
            }
            if (c == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                return sb.toString();
            }
            if (sb.length() >= MAX_LINE) {
                throw new BadRequestException("line too long");
            }
            sb.append((char) c);
        }
    }
}
