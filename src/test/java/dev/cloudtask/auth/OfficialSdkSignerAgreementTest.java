package dev.cloudtask.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huaweicloud.sdk.core.auth.AKSKSigner;
import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpMethod;
import com.huaweicloud.sdk.core.http.HttpRequest;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Strategy: build random requests (paths, repeated query names with unsorted values, spaces, plus
 * signs, percent signs, non-ASCII and empty values, bodies, optional project and security-token
 * headers), sign each with the official Huawei Cloud SDK core signer and with {@link AkSkFilter}'s
 * wire form plus {@link AkSkSigner}, and require the same {@code Authorization} value for every one.
 * The query is written the way applications write it: with JAX-RS {@code UriBuilder.queryParam}
 * (space as {@code +}), with form encoding, or already percent-encoded.
 */
class OfficialSdkSignerAgreementTest {
    private static final Logger LOG = Logger.getLogger(OfficialSdkSignerAgreementTest.class.getName());
    private static final int REQUESTS = 2_000;
    private static final String AK = "HPUAL2NLC5ZGRVDFEXAMPLE";
    private static final String SK_TEXT = "u8SFPwGn0z4NQyvE1HeUkJmXAGmQsh2WzQEXAMPLE";
    private static final String DATE = "20261130T014500Z";
    /**
     * Parameter names are unreserved characters only: the SDK writes names into the URL without
     * encoding them and then signs both the raw and the encoded form of a name that needs encoding,
     * so for such names it has no single signature to agree with (and its request is malformed).
     */
    private static final String[] NAME_PIECES = {"limit", "marker", "name", "a", "b", "tag", "q", "x_y", "k~",
        "Sort.Key", "offset-1"};
    private static final String[] VALUE_PIECES = {"", "1", "2", "10", "abc", "Zeta", "a b", "1+1", "100%", "%zz",
        "é", "中文", "x/y", "a&b", "k=v", "*", "~t", "'q'", "(p)", "!", ",", ";", "@", "$", "#frag", "  "};
    private static final String SEGMENT_CHARS = "abcXYZ019-_.~:@!$'()*,;=+é中 ";

    /** What a request exercises, counted to show the random mix covers it. */
    private enum Feature { REPEATED_UNSORTED, SPACE, PLUS, PERCENT, NON_ASCII, EMPTY_VALUE, BODY, SECURITY_TOKEN }

    private record Param(String name, String value) {
    }

    @Test
    void sign_randomRequests_agreeWithOfficialSdkSignerOnEveryOne() {
        Random random = new Random(20261130L);
        Map<Feature, Integer> seen = new EnumMap<>(Feature.class);
        int agreed = 0;
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String method = List.of("GET", "GET", "POST", "PUT", "DELETE").get(random.nextInt(5));
            String endpoint = random.nextBoolean() ? "https://cce.eu-de.example.com"
                    : "https://10.0.0." + (1 + random.nextInt(250)) + ":" + (28443 + random.nextInt(3));
            List<String> segments = randomSegments(random);
            List<Param> params = randomParams(random);
            String body = method.equals("POST") || method.equals("PUT") ? randomBody(random) : "";
            Map<String, String> extra = new TreeMap<>();
            if (random.nextBoolean()) {
                extra.put("X-Project-Id", "0" + Integer.toHexString(random.nextInt()) + "project");
            }
            if (random.nextInt(4) == 0) {
                extra.put("X-Security-Token", "gQpzdGF0aWMt" + Integer.toHexString(random.nextInt()));
            }
            features(params, body, extra).forEach(f -> seen.merge(f, 1, Integer::sum));

            String sdk = sdkAuthorization(method, endpoint, segments, params, body, extra);
            String ours = libraryAuthorization(method, endpoint, segments, params, body, extra, i % 3);
            if (sdk.equals(ours)) {
                agreed++;
            } else if (disagreements.size() < 5) {
                disagreements.add(method + " " + segments + " " + params + "\n  sdk:  " + sdk + "\n  ours: " + ours);
            }
        }
        LOG.info("AK/SK signatures equal to the official SDK's: " + agreed + " of " + REQUESTS + "; features " + seen);
        assertEquals(REQUESTS, agreed, "disagreements, first ones:\n" + String.join("\n", disagreements));
        for (Feature f : Feature.values()) {
            assertTrue(seen.getOrDefault(f, 0) >= 50, "too few requests with " + f + ": " + seen);
        }
    }

    @Test
    void wireUri_jaxRsQueryParamWithSpaceAndPlus_sendsPercentEncodedValuesInRequestOrder() {
        URI built = UriBuilder.fromUri("https://h:8443/v1/p").queryParam("b", "a b").queryParam("a", "1+1")
                .queryParam("b", "z").build();
        URI wire = AkSkFilter.wireUri(built);
        assertEquals("b=a%20b&a=1%2B1&b=z", wire.getRawQuery());
        assertEquals("a=1%2B1&b=a%20b&b=z", AkSkSigner.canonicalQuery(wire.getRawQuery()));
        assertEquals(AkSkSigner.canonicalQuery(built.getRawQuery()), AkSkSigner.canonicalQuery(wire.getRawQuery()));
    }

    private static String sdkAuthorization(String method, String endpoint, List<String> segments, List<Param> params,
            String body, Map<String, String> extra) {
        HttpRequest.HttpRequestBuilder b = HttpRequest.newBuilder().withEndpoint(endpoint)
                .withPath("/" + String.join("/", segments)).withMethod(HttpMethod.valueOf(method))
                .addHeader("X-Sdk-Date", DATE);
        extra.forEach(b::addHeader);
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        params.forEach(p -> grouped.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p.value()));
        grouped.forEach(b::addQueryParam);
        if (!body.isEmpty()) {
            b.withBodyAsString(body);
        }
        BasicCredentials credentials = new BasicCredentials().withAk(AK).withSk(SK_TEXT);
        return AKSKSigner.getInstance().sign(b.build(), credentials).get("Authorization");
    }

    private static String libraryAuthorization(String method, String endpoint, List<String> segments,
            List<Param> params, String body, Map<String, String> extra, int style) {
        URI uri = switch (style) {
            case 0 -> jaxRs(endpoint, segments, params);
            case 1 -> encoded(endpoint, segments, params, true);
            default -> encoded(endpoint, segments, params, false);
        };
        URI wire = AkSkFilter.wireUri(uri);
        assertEquals(params, wireParams(wire), "the wire query carries other values than the application's: " + wire);
        Map<String, String> headers = new TreeMap<>(extra);
        headers.put("host", AkSkFilter.hostHeader(wire));
        headers.put("x-sdk-date", DATE);
        return AkSkSigner.sign(method, wire, headers, body.getBytes(StandardCharsets.UTF_8), AK,
                Secret.of("sk", SK_TEXT)).authorization();
    }

    /** The parameters of the wire URI, decoded strictly (a {@code +} would stay a plus: none may be left). */
    private static List<Param> wireParams(URI wire) {
        List<Param> out = new ArrayList<>();
        String raw = wire.getRawQuery();
        if (raw == null) {
            return out;
        }
        assertTrue(!raw.contains("+"), raw);
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            out.add(new Param(AkSkSigner.decode(part.substring(0, eq)), AkSkSigner.decode(part.substring(eq + 1))));
        }
        return out;
    }

    /**
     * As an application's JAX-RS client writes it: {@code segment} and {@code queryParam}. JAX-RS
     * keeps a {@code %XX} that looks encoded, so a literal percent sign is passed as {@code %25}.
     */
    private static URI jaxRs(String endpoint, List<String> segments, List<Param> params) {
        UriBuilder b = UriBuilder.fromUri(endpoint);
        for (String s : segments) {
            b.segment(literal(s));
        }
        for (Param p : params) {
            b.queryParam(literal(p.name()), literal(p.value()));
        }
        return b.build();
    }

    private static String literal(String s) {
        return s.replace("%", "%25");
    }

    /** Percent-encoded by hand; with {@code formEncoded} the query uses {@code +} for a space. */
    private static URI encoded(String endpoint, List<String> segments, List<Param> params, boolean formEncoded) {
        StringBuilder sb = new StringBuilder(endpoint);
        for (String s : segments) {
            sb.append('/').append(AkSkSigner.encode(s));
        }
        String sep = "?";
        for (Param p : params) {
            sb.append(sep).append(formEncoded ? URLEncoder.encode(p.name(), StandardCharsets.UTF_8)
                    : AkSkSigner.encode(p.name())).append('=').append(formEncoded
                    ? URLEncoder.encode(p.value(), StandardCharsets.UTF_8) : AkSkSigner.encode(p.value()));
            sep = "&";
        }
        return URI.create(sb.toString());
    }

    private static List<String> randomSegments(Random random) {
        List<String> segments = new ArrayList<>();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            StringBuilder s = new StringBuilder();
            int len = 1 + random.nextInt(8);
            for (int j = 0; j < len; j++) {
                s.append(SEGMENT_CHARS.charAt(random.nextInt(SEGMENT_CHARS.length())));
            }
            // java.net.URL, which the SDK builds, drops spaces at the end of the URL: no segment ends in one
            String segment = s.toString().strip();
            segments.add(segment.isEmpty() ? "v1" : segment);
        }
        return segments;
    }

    private static List<Param> randomParams(Random random) {
        List<Param> params = new ArrayList<>();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            String name = NAME_PIECES[random.nextInt(NAME_PIECES.length)];
            int repeat = random.nextInt(3) == 0 ? 2 + random.nextInt(2) : 1;
            for (int r = 0; r < repeat; r++) {
                params.add(new Param(name, VALUE_PIECES[random.nextInt(VALUE_PIECES.length)]
                        + (random.nextInt(3) == 0 ? VALUE_PIECES[random.nextInt(VALUE_PIECES.length)] : "")));
            }
        }
        return params;
    }

    private static String randomBody(Random random) {
        return random.nextInt(4) == 0 ? "" : "{\"name\":\"" + VALUE_PIECES[random.nextInt(VALUE_PIECES.length)]
                .replace("\"", "") + "\",\"count\":" + random.nextInt(1000) + "}";
    }

    private static List<Feature> features(List<Param> params, String body, Map<String, String> extra) {
        List<Feature> out = new ArrayList<>();
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        params.forEach(p -> grouped.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p.value()));
        if (grouped.values().stream().anyMatch(v -> !v.equals(v.stream().sorted().toList()))) {
            out.add(Feature.REPEATED_UNSORTED);
        }
        String all = params.toString();
        if (params.stream().anyMatch(p -> (p.name() + p.value()).contains(" "))) {
            out.add(Feature.SPACE);
        }
        if (all.contains("+")) {
            out.add(Feature.PLUS);
        }
        if (all.contains("%")) {
            out.add(Feature.PERCENT);
        }
        if (all.chars().anyMatch(c -> c > 127)) {
            out.add(Feature.NON_ASCII);
        }
        if (params.stream().anyMatch(p -> p.value().isEmpty())) {
            out.add(Feature.EMPTY_VALUE);
        }
        if (!body.isEmpty()) {
            out.add(Feature.BODY);
        }
        if (extra.containsKey("X-Security-Token")) {
            out.add(Feature.SECURITY_TOKEN);
        }
        return out;
    }
}
