package dev.cloudtask.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The independent SDK-HMAC-SHA256 verifier against the published test vector and tampering. */
class AkSkVerifierTest {
    private static final String SIGNATURE = "fd95e7da6f695cfb4cabbb9d6b0968aec155bc576b064835282473539ae9ea1d";
    private static final String PATH = "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs";
    private static final String QUERY = "limit=2&marker=13551d6b-755d-4757-b956-536f674975c0";

    private static Map<String, List<String>> headers(String signature) {
        Map<String, List<String>> h = new HashMap<>();
        h.put("host", List.of("service.region.example.com"));
        h.put("x-sdk-date", List.of("20191115T033655Z"));
        h.put("authorization", List.of("SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, Signature=" + signature));
        return h;
    }

    private static AkSkVerifier verifier(Duration skew) {
        return new AkSkVerifier("AccessKey", "SecretKey",
                Clock.fixed(Instant.parse("2019-11-15T03:40:00Z"), ZoneOffset.UTC), skew);
    }

    @Test
    void publishedVector_signatureComputed_matches() {
        String canonical = AkSkVerifier.canonicalRequest("GET", PATH, QUERY, headers(SIGNATURE),
                List.of("host", "x-sdk-date"), new byte[0]);
        assertTrue(canonical.startsWith("GET\n" + PATH + "/\nlimit=2&marker="), canonical);
        assertEquals(SIGNATURE, AkSkVerifier.sign("SecretKey", "20191115T033655Z", canonical));
    }

    @Test
    void publishedVector_verified_valid() {
        AkSkVerifier.Result r = verifier(Duration.ofMinutes(15)).verify("GET", PATH, QUERY, headers(SIGNATURE), new byte[0]);
        assertTrue(r.valid(), r.reason());
    }

    @Test
    void queryOrder_differentOrderSameParameters_stillValid() {
        String reordered = "marker=13551d6b-755d-4757-b956-536f674975c0&limit=2";
        assertTrue(verifier(null).verify("GET", PATH, reordered, headers(SIGNATURE), new byte[0]).valid());
    }

    @Test
    void tampered_queryPathMethodBodyOrSignature_rejected() {
        AkSkVerifier v = verifier(null);
        assertFalse(v.verify("GET", PATH, "limit=3&marker=13551d6b-755d-4757-b956-536f674975c0",
                headers(SIGNATURE), new byte[0]).valid());
        assertFalse(v.verify("GET", PATH + "x", QUERY, headers(SIGNATURE), new byte[0]).valid());
        assertFalse(v.verify("DELETE", PATH, QUERY, headers(SIGNATURE), new byte[0]).valid());
        assertFalse(v.verify("GET", PATH, QUERY, headers(SIGNATURE), new byte[] {1}).valid());
        assertEquals("signature mismatch", v.verify("GET", PATH, QUERY,
                headers(SIGNATURE.replace('f', 'e')), new byte[0]).reason());
    }

    @Test
    void wrongKeysOrMissingParts_rejectedWithReason() {
        AkSkVerifier other = new AkSkVerifier("OtherKey", "SecretKey", Clock.systemUTC(), null);
        assertEquals("unknown access key", other.verify("GET", PATH, QUERY, headers(SIGNATURE), new byte[0]).reason());
        AkSkVerifier wrongSk = new AkSkVerifier("AccessKey", "WrongSecret", Clock.systemUTC(), null);
        assertEquals("signature mismatch", wrongSk.verify("GET", PATH, QUERY, headers(SIGNATURE), new byte[0]).reason());
        Map<String, List<String>> noDate = headers(SIGNATURE);
        noDate.remove("x-sdk-date");
        assertEquals("missing X-Sdk-Date", verifier(null).verify("GET", PATH, QUERY, noDate, new byte[0]).reason());
        Map<String, List<String>> noAuth = headers(SIGNATURE);
        noAuth.remove("authorization");
        assertFalse(verifier(null).verify("GET", PATH, QUERY, noAuth, new byte[0]).valid());
    }

    @Test
    void clockSkew_dateTooOld_rejectedWhenSkewChecked() {
        AkSkVerifier strict = new AkSkVerifier("AccessKey", "SecretKey",
                Clock.fixed(Instant.parse("2019-11-15T04:00:00Z"), ZoneOffset.UTC), Duration.ofMinutes(15));
        assertEquals("X-Sdk-Date too far from the server clock",
                strict.verify("GET", PATH, QUERY, headers(SIGNATURE), new byte[0]).reason());
    }

    @Test
    void canonicalForms_specialCharactersAndRepeatedNames_encodedPerSegmentValuesInRequestOrder() {
        assertEquals("/a%20b/c%2Bd/", AkSkVerifier.canonicalPath("/a%20b/c+d"));
        assertEquals("/", AkSkVerifier.canonicalPath("/"));
        assertEquals("a=1&b=z&b=x%20y", AkSkVerifier.canonicalQuery("b=z&b=x%20y&a=1"));
        assertEquals("q=a%20b&r=1%2B1", AkSkVerifier.canonicalQuery("r=1%2B1&q=a+b"));
    }

    @Test
    void toString_neverShowsSecret() {
        assertFalse(verifier(null).toString().contains("SecretKey"));
    }
}
