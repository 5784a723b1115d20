package dev.cloudtask.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One parsed HTTP/1.1 request.
 *
 * @param method the method, upper case
 * @param target the request target as sent (path and query, still percent-encoded)
 * @param headers header values by lower-case name
 * @param body the body (decoded from chunked transfer coding if needed), never null
 * @param secure whether it arrived over TLS
 */
record SimRequest(String method, String target, Map<String, List<String>> headers, byte[] body, boolean secure) {

    /** The raw (still encoded) path part of the target. */
    String rawPath() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /** The raw (still encoded) query, or the empty string. */
    String rawQuery() {
        int q = target.indexOf('?');
        return q < 0 ? "" : target.substring(q + 1);
    }

    /** The first value of a header, or null. */
    String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Decoded query parameters, first value per name. */
    Map<String, String> query() {
        return form(rawQuery());
    }

    /** Decoded {@code application/x-www-form-urlencoded} body, first value per name. */
    Map<String, String> formBody() {
        return form(new String(body, StandardCharsets.ISO_8859_1));
    }

    /** The value of cookie {@code name} from the {@code Cookie} headers, or null. */
    String cookie(String name) {
        for (String h : headers.getOrDefault("cookie", List.of())) {
            for (String part : h.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0 && part.substring(0, eq).trim().equals(name)) {
                    return part.substring(eq + 1).trim();
                }
            }
        }
        return null;
    }

    /** Decodes a query string or form body (first value per name wins). */
    static Map<String, String> form(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.putIfAbsent(k, v);
        }
        return out;
    }

    /** All query pairs, decoded, in order (names may repeat). */
    List<String[]> queryPairs() {
        List<String[]> out = new ArrayList<>();
        for (String pair : rawQuery().split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            out.add(new String[] {decode(eq < 0 ? pair : pair.substring(0, eq)),
                    eq < 0 ? "" : decode(pair.substring(eq + 1))});
        }
        return out;
    }

    static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
