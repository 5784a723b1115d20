package dev.cloudtask.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.CloudServiceException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each error-body shape, served over HTTP, reaches the caller as a CloudServiceException. */
class ErrorResponsesOverHttpTest {
    LoopbackServer server;
    CloudClients clients;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackServer();
        CloudClients.Builder b = CloudClients.builder();
        for (CloudService s : CloudService.values()) {
            b.endpoint(s, server.baseUri());
        }
        clients = b.build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static CloudServiceException asyncFailure(java.util.concurrent.CompletionStage<?> stage) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> stage.toCompletableFuture().get(20, TimeUnit.SECONDS));
        return assertInstanceOf(CloudServiceException.class, e.getCause());
    }

    @Test
    void dcs_errorCodeErrorMsg404_parsedWithRequestId() {
        server.answer(ClientsOverHttpTest.DCS_PATH, 404, "application/json;charset=UTF-8",
                "{\"error_msg\":\"The instance does not exist.\",\"error_code\":\"DCS.4026\",\"error_ext_msg\":null}",
                Map.of("X-Request-Id", "0f8b1d6a2c"));
        CloudServiceException c = asyncFailure(CloudCalls.progressAsync(clients.dcs(), "p1", "i1", "t1"));
        assertEquals(CloudService.DCS, c.service());
        assertEquals(404, c.httpStatus());
        assertEquals("DCS.4026", c.errorCode());
        assertEquals("The instance does not exist.", c.errorMessage());
        assertEquals("0f8b1d6a2c", c.requestId());
        assertNull(c.retryAfter());
    }

    @Test
    void cce_kubernetesStatus_parsed() {
        server.answer(ClientsOverHttpTest.CCE_PATH, 404, "application/json",
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"job not found\","
                        + "\"reason\":\"NotFound\",\"code\":404}", Map.of());
        CloudServiceException c = assertThrows(CloudServiceException.class, () -> CloudCalls.job(clients.cce(), "p1", "j1"));
        assertEquals(CloudService.CCE, c.service());
        assertEquals("NotFound", c.errorCode());
        assertEquals("job not found", c.errorMessage());
    }

    @Test
    void cce_throttledCodeMessage_throttledWithRetryAfterDate() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(120));
        server.answer(ClientsOverHttpTest.CCE_PATH, 429, "application/json",
                "{\"code\":\"CCE.02429001\",\"message\":\"Too many requests\"}", Map.of("Retry-After", date));
        CloudServiceException c = asyncFailure(CloudCalls.jobAsync(clients.cce(), "p1", "j1"));
        assertTrue(c.isThrottled());
        assertEquals("CCE.02429001", c.errorCode());
        Duration wait = c.retryAfter();
        assertTrue(wait.compareTo(Duration.ofSeconds(100)) > 0 && wait.compareTo(Duration.ofSeconds(121)) <= 0,
                String.valueOf(wait));
    }

    @Test
    void dws_camelCaseShape_parsed() {
        server.answer(ClientsOverHttpTest.DWS_PATH, 403, "application/json",
                "{\"errorCode\":\"DWS.0015\",\"errorMessage\":\"No permission\"}", Map.of());
        CloudServiceException c = asyncFailure(CloudCalls.jobAsync(clients.dws(), "p1", "j1"));
        assertEquals("DWS.0015", c.errorCode());
        assertEquals("No permission", c.errorMessage());
    }

    @Test
    void mrs_integerCodeWithDescription_parsed() {
        server.answer(ClientsOverHttpTest.MRS_PATH, 400, "application/json",
                "{\"error_code\":12100001,\"error_description\":\"Command does not exist.\"}", Map.of());
        CloudServiceException c = assertThrows(CloudServiceException.class, () -> CloudCalls.progress(clients.mrs(), "c1"));
        assertEquals(CloudService.MRS, c.service());
        assertEquals("12100001", c.errorCode());
        assertEquals("Command does not exist.", c.errorMessage());
    }

    @Test
    void mrs_garbagePlainText500_excerptAndTransient() {
        server.answer(ClientsOverHttpTest.MRS_PATH, 500, "text/plain", "Internal\u0001 Server\n\nError " + "z".repeat(2000),
                Map.of());
        CloudServiceException c = asyncFailure(CloudCalls.progressAsync(clients.mrs(), "c1"));
        assertTrue(c.isTransient());
        assertTrue(c.errorMessage().startsWith("Internal Server Error zzz"), c.errorMessage());
        assertTrue(c.errorMessage().length() < 400);
    }

    @Test
    void dws_emptyBody503_noCodeNoMessage() {
        server.answer(ClientsOverHttpTest.DWS_PATH, 503, null, "", Map.of("Retry-After", "30"));
        CloudServiceException c = assertThrows(CloudServiceException.class, () -> CloudCalls.job(clients.dws(), "p1", "j1"));
        assertEquals(503, c.httpStatus());
        assertNull(c.errorCode());
        assertEquals(Duration.ofSeconds(30), c.retryAfter());
    }
}
