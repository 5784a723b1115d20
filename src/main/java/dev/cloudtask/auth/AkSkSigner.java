package dev.cloudtask.auth;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The API Gateway request signature {@code SDK-HMAC-SHA256} (the {@code Access=} form), as a pure
 * function of the request.
 *
 * <ol>
 *   <li>Canonical request: {@code METHOD\nURI\nQUERY\nHEADERS\nSIGNED_HEADERS\nhex(sha256(body))}, where
 *       URI is the path with every segment percent-encoded and always ending in {@code /}, QUERY the
 *       parameters percent-encoded and sorted by name, the values of a repeated name kept in request
 *       order ({@code a=2&a=1&b=}), HEADERS one
 *       {@code name:value\n} line per signed header (name lower-cased, value trimmed) in sorted order,
 *       SIGNED_HEADERS the sorted lower-case names joined by {@code ;}.</li>
 *   <li>String to sign: {@code SDK-HMAC-SHA256\n<X-Sdk-Date>\nhex(sha256(canonical request))}.</li>
 *   <li>Signature: hex HMAC-SHA256 of the string to sign, keyed with the SK.</li>
 *   <li>Header: {@code Authorization: SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<list>, Signature=<hex>}.</li>
 * </ol>
 *
 * <p>Percent-encoding keeps only {@code A-Z a-z 0-9 - _ . ~} and encodes every other UTF-8 byte as
 * {@code %XX} (upper case); already encoded input is decoded first, so {@code %20} and a raw space
 * sign the same. In the query a {@code +} is a space (form encoding, as JAX-RS {@code queryParam}
 * writes it; a literal plus arrives as {@code %2B}); in the path it is a plus. The signed headers
 * must include {@code host} and {@code x-sdk-date}.
 *
 * <p>This is the canonical form of the official Huawei Cloud Java SDK core signer ({@code AKSKSigner});
 * a test signs random requests with both and requires equal signatures.
 *
 * <p>Stateless and thread-safe.
 */
public final class AkSkSigner {
    /** The algorithm name that starts the string to sign and the {@code Authorization} header. */
    public static final String ALGORITHM = "SDK-HMAC-SHA256";
    /** The {@code X-Sdk-Date} header name. */
    public static final String DATE_HEADER = "X-Sdk-Date";
    /** The {@code X-Sdk-Date} format: UTC {@code yyyyMMdd'T'HHmmss'Z'}. */
    public static final DateTimeFormatter DATE_FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final HexFormat HEX = HexFormat.of();

    private AkSkSigner() {
    }

    /** Formats an instant as an {@code X-Sdk-Date} value, e.g. {@code 20191115T033655Z}. */
    public static String sdkDate(Instant instant) {
        return DATE_FORMAT.format(instant);
    }

    /**
     * Signs a request.
     *
     * @param method the HTTP method
     * @param uri the absolute request URI (path and query are signed; scheme and authority are not,
     *     the {@code host} header is)
     * @param headers the headers to sign, by name (any case); must contain {@code host} and
     *     {@code x-sdk-date}
     * @param body the request body, empty or null for none
     * @param accessKey the AK
     * @param secretKey the SK
     * @return the signed header list, signature and {@code Authorization} value
     * @throws IllegalArgumentException when {@code host} or {@code x-sdk-date} is missing
     */
    public static AkSkSignature sign(String method, URI uri, Map<String, String> headers, byte[] body,
            String accessKey, Secret secretKey) {
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        TreeMap<String, String> signed = lowerCased(headers);
        String date = signed.get("x-sdk-date");
        String canonical = canonicalRequest(method, uri, signed, body);
        String stringToSign = ALGORITHM + "\n" + date + "\n" + hexSha256(canonical.getBytes(StandardCharsets.UTF_8));
        String signature = HEX.formatHex(hmacSha256(secretKey, stringToSign));
        String names = String.join(";", signed.keySet());
        String authorization = ALGORITHM + " Access=" + accessKey + ", SignedHeaders=" + names
                + ", Signature=" + signature;
        return new AkSkSignature(names, signature, authorization);
    }

    /**
     * The canonical request that {@link #sign} hashes; public to help compare with a server's view.
     *
     * @throws IllegalArgumentException when {@code host} or {@code x-sdk-date} is missing
     */
    public static String canonicalRequest(String method, URI uri, Map<String, String> headers, byte[] body) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        TreeMap<String, String> signed = lowerCased(headers);
        StringBuilder sb = new StringBuilder();
        sb.append(method.toUpperCase(Locale.ROOT)).append('\n');
        sb.append(canonicalPath(uri.getRawPath())).append('\n');
        sb.append(canonicalQuery(uri.getRawQuery())).append('\n');
        signed.forEach((name, value) -> sb.append(name).append(':').append(value).append('\n'));
        sb.append('\n');
        sb.append(String.join(";", signed.keySet())).append('\n');
        sb.append(hexSha256(body == null ? new byte[0] : body));
        return sb.toString();
    }

    private static TreeMap<String, String> lowerCased(Map<String, String> headers) {
        Objects.requireNonNull(headers, "headers");
        TreeMap<String, String> out = new TreeMap<>();
        headers.forEach((k, v) -> out.put(k.trim().toLowerCase(Locale.ROOT), v == null ? "" : v.trim()));
        for (String required : List.of("host", "x-sdk-date")) {
            if (!out.containsKey(required) || out.get(required).isEmpty()) {
                throw new IllegalArgumentException("signed headers " + out.keySet() + " lack '" + required
                        + "': host and x-sdk-date are always signed");
            }
        }
        return out;
    }

    /**
     * The path with each segment re-encoded and followed by {@code /}; {@code /} when empty. As in
     * the official SDK, empty segments at the end of the path are dropped ({@code /a//} signs as
     * {@code /a/}).
     */
    static String canonicalPath(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.equals("/")) {
            return "/";
        }
        StringBuilder sb = new StringBuilder();
        for (String segment : rawPath.split("/")) {
            sb.append(encode(decode(segment))).append('/');
        }
        return sb.toString();
    }

    /**
     * The query parameters re-encoded and stably sorted by encoded name, so the values of a repeated
     * name keep their request order; a {@code +} is decoded as a space; empty when there are none.
     */
    static String canonicalQuery(String rawQuery) {
        List<String[]> pairs = queryPairs(rawQuery);
        pairs.sort(Comparator.comparing((String[] p) -> encode(p[0])));
        StringBuilder sb = new StringBuilder();
        for (String[] p : pairs) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(encode(p[0])).append('=').append(encode(p[1]));
        }
        return sb.toString();
    }

    /**
     * The decoded name/value pairs of a raw query in request order; {@code +} decodes to a space, a
     * pair without {@code =} has the empty value.
     */
    static List<String[]> queryPairs(String rawQuery) {
        List<String[]> pairs = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return pairs;
        }
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            pairs.add(new String[] {decode(name.replace('+', ' ')), decode(value.replace('+', ' '))});
        }
        return pairs;
    }

    /** Percent-encodes every UTF-8 byte outside {@code A-Z a-z 0-9 - _ . ~}. */
    static String encode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    /** Decodes {@code %XX} escapes (a {@code +} stays a {@code +}); a malformed escape is kept as is. */
    static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%' && i + 2 < in.length) {
                int hi = Character.digit(in[i + 1], 16);
                int lo = Character.digit(in[i + 2], 16);
                if (hi >= 0 && lo >= 0) {
                    out.write((hi << 4) | lo);
                    i += 2;
                    continue;
                }
            }
            out.write(in[i]);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Hex SHA-256 of the bytes. */
    public static String hexSha256(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    private static byte[] hmacSha256(Secret key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot compute HmacSHA256", e);
        }
    }
}
