package dev.cloudtask.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The published SDK-HMAC-SHA256 vectors, reproduced exactly, plus the canonical-form rules. */
class AkSkSignerTest {
    private static final String AK = "AccessKey";
    private static final Secret SK = Secret.of("sk", "SecretKey");
    private static final String DATE = "20191115T033655Z";

    @Test
    void sign_publishedGetVectorWithQuery_matchesPublishedSignature() {
        URI uri = URI.create("https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs"
                + "?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0");
        AkSkSignature s = AkSkSigner.sign("GET", uri,
                Map.of("Host", "service.region.example.com", "X-Sdk-Date", DATE), new byte[0], AK, SK);
        assertEquals("fd95e7da6f695cfb4cabbb9d6b0968aec155bc576b064835282473539ae9ea1d", s.signature());
        assertEquals("SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, "
                + "Signature=fd95e7da6f695cfb4cabbb9d6b0968aec155bc576b064835282473539ae9ea1d", s.authorization());
    }

    @Test
    void sign_publishedPostVectorWithBody_matchesPublishedSignature() {
        URI uri = URI.create("https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpc/123");
        AkSkSignature s = AkSkSigner.sign("POST", uri,
                Map.of("host", "service.region.example.com", "x-sdk-date", DATE),
                "{\"key\":\"value\"}".getBytes(StandardCharsets.UTF_8), AK, SK);
        assertEquals("b5649aa774f6cac7437631662f08815fc65c70e40e486df6db2436ce68902771", s.signature());
        assertEquals("host;x-sdk-date", s.signedHeaders());
    }

    @Test
    void sign_publishedGetVectorWithEmptyPath_matchesPublishedSignature() {
        AkSkSignature s = AkSkSigner.sign("GET", URI.create("https://example.com"),
                Map.of("Host", "example.com", "X-Sdk-Date", DATE), null, AK, SK);
        assertEquals("919ad8b75d4ad49da0d377e63ee21c4a7a54b752f6bf2878b4adbe9c19927da6", s.signature());
    }

    @Test
    void canonicalRequest_pathAndQueryNeedEncoding_encodesSegmentsSortsNamesKeepsValueOrderAndEndsWithSlash() {
        String canonical = AkSkSigner.canonicalRequest("get",
                URI.create("https://h/v1/a%20b/c~d?z=1&a=x%2Fy&a=b&flag"),
                Map.of("X-Sdk-Date", DATE, "HOST", " h "), new byte[0]);
        String[] lines = canonical.split("\n", -1);
        assertEquals("GET", lines[0]);
        assertEquals("/v1/a%20b/c~d/", lines[1]);
        assertEquals("a=x%2Fy&a=b&flag=&z=1", lines[2]);
        assertEquals("host:h", lines[3]);
        assertEquals("x-sdk-date:" + DATE, lines[4]);
        assertEquals("", lines[5]);
        assertEquals("host;x-sdk-date", lines[6]);
        assertEquals(AkSkSigner.hexSha256(new byte[0]), lines[7]);
    }

    @Test
    void sign_bodyChanged_signatureChanges() {
        URI uri = URI.create("https://h/v1/x");
        Map<String, String> headers = Map.of("host", "h", "x-sdk-date", DATE);
        String a = AkSkSigner.sign("POST", uri, headers, "{\"a\":1}".getBytes(StandardCharsets.UTF_8), AK, SK).signature();
        String b = AkSkSigner.sign("POST", uri, headers, "{\"a\":2}".getBytes(StandardCharsets.UTF_8), AK, SK).signature();
        assertNotEquals(a, b);
    }

    @Test
    void sign_hostHeaderMissing_failsNamingHost() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AkSkSigner.sign("GET",
                URI.create("https://h/"), Map.of("x-sdk-date", DATE), null, AK, SK));
        assertTrue(e.getMessage().contains("'host'"), e.getMessage());
    }

    @Test
    void sdkDate_instant_formatsAsUtcBasicForm() {
        assertEquals(DATE, AkSkSigner.sdkDate(Instant.parse("2019-11-15T03:36:55Z")));
    }
}
