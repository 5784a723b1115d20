package dev.cloudtask.internal;

import dev.cloudtask.CloudService;
import dev.cloudtask.CloudServiceException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The one parser for error response bodies; it turns any of the shapes the services use into a
 * {@link CloudServiceException}.
 *
 * <table>
 * <caption>Recognized shapes (first match wins)</caption>
 * <tr><th>shape</th><th>code</th><th>message</th></tr>
 * <tr><td>Kubernetes {@code {"kind":"Status", ...}}</td><td>{@code reason} (else {@code code})</td><td>{@code message}</td></tr>
 * <tr><td>{@code error_code}/{@code error_msg} (+{@code error_ext_msg})</td><td>{@code error_code}</td><td>{@code error_msg}, then {@code (error_ext_msg)}</td></tr>
 * <tr><td>MRS {@code error_code} (integer)/{@code error_description}</td><td>{@code error_code}</td><td>{@code error_description}</td></tr>
 * <tr><td>{@code errorCode}/{@code errorMessage}</td><td>{@code errorCode}</td><td>{@code errorMessage}</td></tr>
 * <tr><td>{@code code}/{@code message}</td><td>{@code code}</td><td>{@code message}</td></tr>
 * <tr><td>any of these wrapped in {@code {"error": {...}}}</td><td colspan="2">as above</td></tr>
 * <tr><td>HTML, plain text, other JSON, garbage</td><td>null</td><td>a readable excerpt: tags removed,
 * whitespace collapsed, control characters escaped, at most {@value #EXCERPT_CHARS} characters</td></tr>
 * </table>
 *
 * <p>Codes and messages are kept as sent, whether JSON strings or numbers, shortened to
 * {@value #EXCERPT_CHARS} characters.
 */
public final class ErrorBodies {
    /** Longest excerpt or message kept from a body. */
    public static final int EXCERPT_CHARS = 300;
    /** How much of a body the excerpt is made from (bounds the work on a hostile body). */
    static final int EXCERPT_SOURCE_CHARS = 16 * 1024;

    private static final List<String> CODE_KEYS = List.of("error_code", "errorCode", "code");
    private static final List<String> MESSAGE_KEYS = List.of(
            "error_msg", "error_description", "errorMessage", "message", "error_message", "errorMsg");

    private ErrorBodies() {
    }

    /**
     * What an error body says: the service's error code and message, either null.
     *
     * @param code the error code as sent (a JSON string or number), shortened
     * @param message the message, or a readable excerpt of a body in no known shape, shortened
     */
    public record CodeAndMessage(String code, String message) {
    }

    /**
     * Builds the exception for one error response.
     *
     * @param service the service that answered
     * @param httpStatus the HTTP status
     * @param body the body text (may be empty or null)
     * @param requestId the {@code X-Request-Id} header, or null
     * @param retryAfter the {@code Retry-After} header, or null
     * @param now the time the answer arrived (a {@code Retry-After} date is relative to it)
     */
    public static CloudServiceException toException(CloudService service, int httpStatus, String body,
            String requestId, String retryAfter, Instant now) {
        CodeAndMessage parsed = parse(body);
        return new CloudServiceException(service, httpStatus, parsed.code(), parsed.message(),
                requestId == null || requestId.isBlank() ? null : PathParams.excerpt(requestId.strip()),
                RetryAfter.parse(retryAfter, now).orElse(null));
    }

    /** The code and message of any error body (login services' included); both null for an empty body. */
    public static CodeAndMessage parse(String body) {
        if (body == null || body.isBlank()) {
            return new CodeAndMessage(null, null);
        }
        JsonObject json = asObject(body);
        if (json == null) {
            return new CodeAndMessage(null, excerpt(body));
        }
        if (json.get("error") instanceof JsonObject inner && !hasAny(json)) {
            json = inner;
        }
        if ("Status".equals(text(json.get("kind")))) {
            String reason = text(json.get("reason"));
            return new CodeAndMessage(reason != null ? reason : text(json.get("code")), text(json.get("message")));
        }
        String code = first(json, CODE_KEYS);
        String message = first(json, MESSAGE_KEYS);
        if (code == null && message == null) {
            return new CodeAndMessage(null, excerpt(body));
        }
        String ext = text(json.get("error_ext_msg"));
        if (ext != null && !ext.isBlank()) {
            message = (message == null ? "" : message + " ") + "(" + ext + ")";
        }
        return new CodeAndMessage(code, message);
    }

    private static boolean hasAny(JsonObject json) {
        return first(json, CODE_KEYS) != null || first(json, MESSAGE_KEYS) != null;
    }

    private static String first(JsonObject json, List<String> keys) {
        for (String key : keys) {
            String v = text(json.get(key));
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    /** A scalar as text (strings unquoted, numbers as written), shortened; null for anything else. */
    private static String text(JsonValue value) {
        if (value instanceof JsonString s) {
            return clip(s.getString());
        }
        if (value != null && value.getValueType() == JsonValue.ValueType.NUMBER) {
            return clip(value.toString());
        }
        return null;
    }

    /** The JSON-P reader factory, looked up once (a lookup per error body is costly under throttling). */
    private static final class Readers {
        static final JsonReaderFactory FACTORY = Json.createReaderFactory(Map.of());
    }

    private static JsonObject asObject(String body) {
        String t = body.strip();
        if (!t.startsWith("{")) {
            return null;
        }
        try (JsonReader reader = Readers.FACTORY.createReader(new StringReader(LenientJson.stripTrailingCommas(t)))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            return null;
        }
    }

    /** A readable, bounded rendering of any body: HTML tags dropped, whitespace collapsed. */
    public static String excerpt(String body) {
        String head = body.length() > EXCERPT_SOURCE_CHARS ? body.substring(0, EXCERPT_SOURCE_CHARS) : body;
        String noTags = head.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ")
                .replaceAll("(?s)<[^>]*>", " ")
                .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        String text = clip(noTags.replaceAll("[\\p{Cntrl}\\s]+", " ").strip());
        return head.length() < body.length() && !text.endsWith("...") ? text + "..." : text;
    }

    private static String clip(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < EXCERPT_CHARS; i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                sb.append(' ');
            } else {
                sb.append(c);
            }
        }
        if (s.length() > sb.length()) {
            sb.append("...");
        }
        return sb.toString();
    }
}
