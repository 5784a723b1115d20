package dev.cloudtask.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An independent server-side verifier of the API Gateway {@code SDK-HMAC-SHA256} signature.
 *
 * <p>Canonical request: the method; the URI path with each segment percent-encoded (RFC 3986
 * unreserved characters kept) and always ending in {@code /}; the query with names and values
 * decoded ({@code +} is a space) and encoded the same way, sorted by name with the values of a
 * repeated name in request order (as the official SDK signs them), joined by {@code &}; one {@code name:value} line
 * per signed header (lower-case names, trimmed values, sorted), then an empty line; the signed header
 * list joined by {@code ;}; the hex SHA-256 of the body. String to sign:
 * {@code SDK-HMAC-SHA256\n<X-Sdk-Date>\n<hex sha256 of the canonical request>}. Signature: hex
 * HMAC-SHA256 of that string with the secret key.
 *
 * <p>Published by the test kit so client code (signers) can be checked against it.
 */
public final class AkSkVerifier {
    /** The algorithm name in the {@code Authorization} header. */
    public static final String ALGORITHM = "SDK-HMAC-SHA256";
    private static final DateTimeFormatter SDK_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final String accessKey;
    private final String secretKey;
    private final Clock clock;
    private final Duration maxSkew;

    /**
     * A verifier for one key pair.
     *
     * @param accessKey the AK
     * @param secretKey the SK
     * @param clock the clock to check {@code X-Sdk-Date} against
     * @param maxSkew the largest accepted difference between {@code X-Sdk-Date} and the clock, or
     *     null to accept any date
     */
    public AkSkVerifier(String accessKey, String secretKey, Clock clock, Duration maxSkew) {
        this.accessKey = Objects.requireNonNull(accessKey, "accessKey");
        this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxSkew = maxSkew;
    }

    /** The outcome of a verification: null reason means valid. */
    public record Result(boolean valid, String reason) {
        static final Result OK = new Result(true, null);

        static Result fail(String reason) {
            return new Result(false, reason);
        }
    }

    /**
     * Verifies a request.
     *
     * @param method the HTTP method
     * @param rawPath the path as sent (percent-encoded)
     * @param rawQuery the query as sent, or empty
     * @param headers header values by lower-case name
     * @param body the body bytes
     */
    public Result verify(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
            byte[] body) {
        String auth = first(headers, "authorization");
        if (auth == null || !auth.startsWith(ALGORITHM + " ")) {
            return Result.fail("missing " + ALGORITHM + " Authorization header");
        }
        String access = null;
        String signed = null;
        String signature = null;
        for (String part : auth.substring(ALGORITHM.length() + 1).split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String value = p.substring(eq + 1).trim();
            switch (p.substring(0, eq).trim()) {
                case "Access" -> access = value;
                case "SignedHeaders" -> signed = value;
                case "Signature" -> signature = value;
                default -> { }
            }
        }
        if (access == null || signed == null || signature == null) {
            return Result.fail("Authorization header lacks Access, SignedHeaders or Signature");
        }
        if (!MessageDigest.isEqual(access.getBytes(StandardCharsets.UTF_8), accessKey.getBytes(StandardCharsets.UTF_8))) {
            return Result.fail("unknown access key");
        }
        String date = first(headers, "x-sdk-date");
        if (date == null) {
            return Result.fail("missing X-Sdk-Date");
        }
        List<String> signedHeaders = Arrays.asList(signed.toLowerCase(Locale.ROOT).split(";"));
        if (!signedHeaders.contains("x-sdk-date") || !signedHeaders.contains("host")) {
            return Result.fail("SignedHeaders must include host and x-sdk-date");
        }
        Instant at;
        try {
            at = Instant.from(SDK_DATE.parse(date));
        } catch (DateTimeParseException e) {
            return Result.fail("malformed X-Sdk-Date");
        }
        if (maxSkew != null && Duration.between(at, clock.instant()).abs().compareTo(maxSkew) > 0) {
            return Result.fail("X-Sdk-Date too far from the server clock");
        }
        String canonical = canonicalRequest(method, rawPath, rawQuery, headers, signedHeaders, body);
        String expected = sign(secretKey, date, canonical);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return Result.fail("signature mismatch");
        }
        return Result.OK;
    }

    /** The canonical request as described in the class comment. */
    public static String canonicalRequest(String method, String rawPath, String rawQuery,
            Map<String, List<String>> headers, List<String> signedHeaders, byte[] body) {
        StringBuilder sb = new StringBuilder();
        sb.append(method.toUpperCase(Locale.ROOT)).append('\n');
        sb.append(canonicalPath(rawPath)).append('\n');
        sb.append(canonicalQuery(rawQuery)).append('\n');
        List<String> names = new ArrayList<>(signedHeaders);
        names.replaceAll(n -> n.trim().toLowerCase(Locale.ROOT));
        names.sort(null);
        for (String n : names) {
            String v = first(headers, n);
            sb.append(n).append(':').append(v == null ? "" : v.trim()).append('\n');
        }
        sb.append('\n').append(String.join(";", names)).append('\n');
        sb.append(hex(sha256(body == null ? new byte[0] : body)));
        return sb.toString();
    }

    /** Hex HMAC-SHA256 of the string to sign built from {@code sdkDate} and {@code canonicalRequest}. */
    public static String sign(String secretKey, String sdkDate, String canonicalRequest) {
        String toSign = ALGORITHM + "\n" + sdkDate + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return hex(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Each segment decoded and re-encoded, followed by {@code /}; trailing empty segments dropped (as the official SDK). */
    static String canonicalPath(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.equals("/")) {
            return "/";
        }
        StringBuilder sb = new StringBuilder();
        for (String seg : rawPath.split("/")) {
            sb.append(encode(decode(seg, false))).append('/');
        }
        return sb.toString();
    }

    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            pairs.add(new String[] {encode(decode(k, true)), encode(decode(v, true))});
        }
        pairs.sort((a, b) -> a[0].compareTo(b[0])); // stable: a repeated name keeps its values' request order
        StringBuilder sb = new StringBuilder();
        for (String[] p : pairs) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(p[0]).append('=').append(p[1]);
        }
        return sb.toString();
    }

    /** RFC 3986 percent-encoding: unreserved characters stay, everything else is %XX (upper-case hex). */
    static String encode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                sb.append(c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    /** Percent-decoding; in a query a {@code +} is a space (form encoding), in a path a plus. */
    private static String decode(String s, boolean query) {
        try {
            return URLDecoder.decode(query ? s : s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public String toString() {
        return "AkSkVerifier[access=" + accessKey + ", secret=***]";
    }
}
