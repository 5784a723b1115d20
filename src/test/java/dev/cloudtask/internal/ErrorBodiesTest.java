package dev.cloudtask.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.CloudServiceException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ErrorBodiesTest {
    static CloudServiceException parse(int status, String body) {
        return ErrorBodies.toException(CloudService.DCS, status, body, "req-1", null, java.time.Instant.now());
    }

    @Test
    void errorCodeErrorMsg_withExtMsg_messageIncludesExt() {
        CloudServiceException e = parse(400, "{\"error_code\":\"DCS.4001\",\"error_msg\":\"Invalid request.\","
                + "\"error_ext_msg\":\"instance busy\"}");
        assertEquals("DCS.4001", e.errorCode());
        assertEquals("Invalid request. (instance busy)", e.errorMessage());
        assertEquals("req-1", e.requestId());
        assertEquals(400, e.httpStatus());
        assertEquals(CloudService.DCS, e.service());
    }

    @Test
    void errorCodeErrorMsg_extMsgNull_messageAlone() {
        CloudServiceException e = parse(404, "{\"error_msg\":\"Not found\",\"error_code\":\"DCS.4026\",\"error_ext_msg\":null}");
        assertEquals("DCS.4026", e.errorCode());
        assertEquals("Not found", e.errorMessage());
    }

    @Test
    void camelCase_errorCodeErrorMessage_parsed() {
        CloudServiceException e = parse(403, "{\"errorCode\":\"DWS.0015\",\"errorMessage\":\"No permission\"}");
        assertEquals("DWS.0015", e.errorCode());
        assertEquals("No permission", e.errorMessage());
    }

    @Test
    void codeMessage_parsed() {
        CloudServiceException e = parse(429, "{\"code\":\"CCE.02429001\",\"message\":\"Too many requests\"}");
        assertEquals("CCE.02429001", e.errorCode());
        assertEquals("Too many requests", e.errorMessage());
        assertTrue(e.isThrottled());
    }

    @Test
    void kubernetesStatus_reasonIsCode() {
        CloudServiceException e = parse(404, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
                + "\"status\":\"Failure\",\"message\":\"job j1 not found\",\"reason\":\"NotFound\",\"code\":404}");
        assertEquals("NotFound", e.errorCode());
        assertEquals("job j1 not found", e.errorMessage());
    }

    @Test
    void kubernetesStatus_withoutReason_numericCode() {
        CloudServiceException e = parse(500, "{\"kind\":\"Status\",\"message\":\"boom\",\"code\":500}");
        assertEquals("500", e.errorCode());
    }

    @Test
    void mrsIntegerErrorCode_withDescription() {
        CloudServiceException e = parse(400, "{\"error_code\":12100001,\"error_description\":\"command not found\"}");
        assertEquals("12100001", e.errorCode());
        assertEquals("command not found", e.errorMessage());
    }

    @Test
    void nestedErrorObject_parsed() {
        CloudServiceException e = parse(401, "{\"error\":{\"code\":\"APIGW.0301\",\"message\":\"Incorrect IAM authentication information\"}}");
        assertEquals("APIGW.0301", e.errorCode());
        assertEquals("Incorrect IAM authentication information", e.errorMessage());
    }

    @Test
    void trailingComma_stillParsed() {
        CloudServiceException e = parse(400, "{\"error_code\":\"X.1\",\"error_msg\":\"m\",}");
        assertEquals("X.1", e.errorCode());
    }

    @Test
    void htmlPage_readableExcerpt() {
        CloudServiceException e = parse(502, "<!DOCTYPE html><html><head><title>502 Bad Gateway</title>"
                + "<style>body{color:red}</style></head>\n<body>\n<h1>Bad&nbsp;Gateway</h1></body></html>");
        assertNull(e.errorCode());
        assertEquals("502 Bad Gateway Bad Gateway", e.errorMessage());
        assertTrue(e.getMessage().contains("HTTP 502"), e.getMessage());
    }

    @Test
    void garbageLongBody_truncatedAndControlCharsRemoved() {
        String body = "\u0000\u001b[31m" + "x".repeat(5000);
        CloudServiceException e = parse(500, body);
        assertTrue(e.errorMessage().length() <= ErrorBodies.EXCERPT_CHARS + 3, "length " + e.errorMessage().length());
        assertTrue(e.errorMessage().endsWith("..."));
        assertFalse(e.errorMessage().chars().anyMatch(Character::isISOControl));
    }

    @Test
    void jsonWithoutKnownKeys_excerptOfBody() {
        CloudServiceException e = parse(500, "{\"foo\":\"bar\"}");
        assertNull(e.errorCode());
        assertEquals("{\"foo\":\"bar\"}", e.errorMessage());
    }

    @Test
    void brokenJson_excerptOfBody() {
        CloudServiceException e = parse(500, "{\"error_code\": \"X");
        assertNull(e.errorCode());
        assertEquals("{\"error_code\": \"X", e.errorMessage());
    }

    @Test
    void emptyBody_noCodeNoMessage() {
        CloudServiceException e = ErrorBodies.toException(CloudService.MRS, 503, "", null, "3", java.time.Instant.now());
        assertNull(e.errorCode());
        assertNull(e.errorMessage());
        assertNull(e.requestId());
        assertEquals(Duration.ofSeconds(3), e.retryAfter());
        assertTrue(e.isTransient());
    }

    @Test
    void hostileHtml_manyUnclosedScripts_boundedExcerpt() {
        String body = "<script>".repeat(8000) + "tail";
        CloudServiceException e = parse(500, body);
        assertTrue(e.errorMessage().length() <= ErrorBodies.EXCERPT_CHARS + 3);
    }
}
