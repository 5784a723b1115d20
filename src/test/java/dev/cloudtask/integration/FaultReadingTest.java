package dev.cloudtask.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.CloudServiceException;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskState;
import dev.cloudtask.client.RestTaskStatusSource;
import dev.cloudtask.testkit.CloudSimulator;
import dev.cloudtask.testkit.Endpoint;
import dev.cloudtask.testkit.InjectedFault;
import dev.cloudtask.testkit.JournalEntry;
import dev.cloudtask.testkit.Timeline;
import dev.cloudtask.testkit.VirtualClock;
import dev.cloudtask.testkit.WithCloudSimulator;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cross-check for errors: every fault the simulator injects reaches the caller of
 * {@link RestTaskStatusSource#fetch} as the right exception, with status, remote code, request id
 * and {@code Retry-After}; transport faults are not disguised as service errors.
 */
@WithCloudSimulator
class FaultReadingTest {
    private static final Pattern REQUEST_ID = Pattern.compile("[0-9a-f]{32}");

    private static RestTaskStatusSource source;
    /** The same clients with a 1 s read timeout, for the hanging response. */
    private static RestTaskStatusSource impatient;

    @BeforeAll
    static void clients(CloudSimulator sim) {
        source = Polls.clients(sim).build().taskStatusSource();
        impatient = Polls.clients(sim).readTimeout(Duration.ofSeconds(1)).build().taskStatusSource();
    }

    private static TaskRef task(CloudSimulator sim, CloudService service) {
        return sim.createTask(service, Timeline.builder().duration(Duration.ofMinutes(5)).build());
    }

    private static void assertRequestId(CloudServiceException e) {
        assertNotNull(e.requestId(), e.getMessage());
        assertTrue(REQUEST_ID.matcher(e.requestId()).matches(), e.requestId());
        assertTrue(e.getMessage().contains(e.requestId()), e.getMessage());
    }

    private static String throttledCode(CloudService service) {
        return service == CloudService.MRS ? "12029" : InjectedFault.APIGW_THROTTLED;
    }

    @ParameterizedTest
    @EnumSource(CloudService.class)
    void throttled_withoutRetryAfter_throttledExceptionWithoutDelay(CloudService service, CloudSimulator sim) {
        TaskRef ref = task(sim, service);
        sim.faults().forTask(ref.taskId()).next(1, InjectedFault.throttled());
        CloudServiceException e = Polls.serviceError(source, ref);
        assertEquals(429, e.httpStatus());
        assertTrue(e.isThrottled());
        assertFalse(e.isTransient());
        assertEquals(service, e.service());
        assertEquals(throttledCode(service), e.errorCode());
        assertNull(e.retryAfter());
        assertRequestId(e);
        assertEquals(TaskState.RUNNING, Polls.status(source, ref).state(), "the fault was for one request only");
    }

    @ParameterizedTest
    @EnumSource(CloudService.class)
    void throttled_withRetryAfter_delayCarried(CloudService service, CloudSimulator sim) {
        TaskRef ref = task(sim, service);
        sim.faults().forTask(ref.taskId()).next(1, InjectedFault.throttled(Duration.ofSeconds(7)));
        CloudServiceException e = Polls.serviceError(source, ref);
        assertEquals(429, e.httpStatus());
        assertTrue(e.isThrottled());
        assertEquals(throttledCode(service), e.errorCode());
        assertEquals(Duration.ofSeconds(7), e.retryAfter());
        assertRequestId(e);
    }

    @Test
    void cceThrottled_ownCodeWithRetryAfter_codeAndDelayCarried(CloudSimulator sim) {
        TaskRef ref = task(sim, CloudService.CCE);
        sim.faults().forTask(ref.taskId()).next(1, InjectedFault.throttled(InjectedFault.CCE_THROTTLED, Duration.ofSeconds(3)));
        CloudServiceException e = Polls.serviceError(source, ref);
        assertEquals(429, e.httpStatus());
        assertEquals("CCE.02429001", e.errorCode());
        assertEquals(Duration.ofSeconds(3), e.retryAfter());
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void serverError_everyService_transientWithServiceCode(int status, CloudSimulator sim) {
        for (CloudService service : CloudService.values()) {
            TaskRef ref = task(sim, service);
            sim.faults().forTask(ref.taskId()).next(1, InjectedFault.status(status));
            CloudServiceException e = Polls.serviceError(source, ref);
            assertEquals(status, e.httpStatus(), service.id());
            assertTrue(e.isTransient(), service.id());
            assertFalse(e.isThrottled(), service.id());
            assertEquals(switch (service) {
                case CCE -> "CCE.01500001";
                case DCS -> "DCS.5000";
                case DWS -> "DWS.0005";
                case MRS -> "12500";
            }, e.errorCode(), service.id());
            assertNotNull(e.errorMessage(), service.id());
            assertRequestId(e);
        }
    }

    @ParameterizedTest
    @EnumSource(CloudService.class)
    void clientErrors_403And401_notTransientWithCode(CloudService service, CloudSimulator sim) {
        TaskRef ref = task(sim, service);
        sim.faults().forTask(ref.taskId()).next(1, InjectedFault.status(403)).forTask(ref.taskId()).next(1, InjectedFault.unauthorized());
        CloudServiceException forbidden = Polls.serviceError(source, ref);
        assertEquals(403, forbidden.httpStatus());
        assertFalse(forbidden.isTransient());
        assertEquals(switch (service) {
            case CCE -> "CCE.01403001";
            case DCS -> "DCS.4030";
            case DWS -> "DWS.0003";
            case MRS -> "12003";
        }, forbidden.errorCode());
        CloudServiceException unauthorized = Polls.serviceError(source, ref);
        assertEquals(401, unauthorized.httpStatus());
        assertEquals(service == CloudService.MRS ? "12002" : "APIGW.0301", unauthorized.errorCode());
    }

    @ParameterizedTest
    @EnumSource(CloudService.class)
    void htmlErrorPage_readableExcerptWithoutTags(CloudService service, CloudSimulator sim) {
        TaskRef ref = task(sim, service);
        sim.faults().forTask(ref.taskId()).next(1, InjectedFault.htmlErrorPage(502));
        CloudServiceException e = Polls.serviceError(source, ref);
        assertEquals(502, e.httpStatus());
        assertTrue(e.isTransient());
        assertNull(e.errorCode());
        assertNotNull(e.errorMessage());
        assertTrue(e.errorMessage().contains("502"), e.errorMessage());
        assertFalse(e.errorMessage().contains("<"), e.errorMessage());
        assertTrue(e.errorMessage().length() <= 300, e.errorMessage());
    }

    @ParameterizedTest
    @EnumSource(CloudService.class)
    void truncatedJson_transientUnreadableResponse(CloudService service, CloudSimulator sim) {
        TaskRef ref = task(sim, service);
        sim.faults().forTask(ref.taskId()).always(InjectedFault.truncatedJson());
        CloudServiceException e = Polls.serviceError(source, ref);
        assertEquals(0, e.httpStatus(), "a 200 whose body broke off is an unreadable response");
        assertTrue(e.isTransient());
        assertTrue(e.errorMessage().contains("could not be read completely"), e.errorMessage());
        assertRequestId(e);
        sim.faults().clear();
        assertEquals(TaskState.RUNNING, Polls.status(source, ref).state());
    }

    @ParameterizedTest
    @EnumSource(CloudService.class)
    void otherErrorShapes_codeAndMessageRead(CloudService service, CloudSimulator sim) {
        TaskRef ref = task(sim, service);
        sim.faults().forTask(ref.taskId()).next(1, InjectedFault.jsonBody(400, "{\"errorCode\":\"X.1\",\"errorMessage\":\"camel\"}"))
                .forTask(ref.taskId()).next(1, InjectedFault.jsonBody(409, "{\"code\":\"X.2\",\"message\":\"plain\"}"))
                .forTask(ref.taskId()).next(1, InjectedFault.jsonBody(400, "{\"error\":{\"code\":\"X.3\",\"message\":\"nested\"}}"));
        CloudServiceException camel = Polls.serviceError(source, ref);
        assertEquals(List.of(400, "X.1", "camel"), List.of(camel.httpStatus(), camel.errorCode(), camel.errorMessage()));
        CloudServiceException plain = Polls.serviceError(source, ref);
        assertEquals(List.of(409, "X.2", "plain"), List.of(plain.httpStatus(), plain.errorCode(), plain.errorMessage()));
        CloudServiceException nested = Polls.serviceError(source, ref);
        assertEquals(List.of(400, "X.3", "nested"), List.of(nested.httpStatus(), nested.errorCode(), nested.errorMessage()));
    }

    @ParameterizedTest
    @EnumSource(CloudService.class)
    void connectionReset_transportFailureNotServiceError(CloudService service, CloudSimulator sim) {
        TaskRef ref = task(sim, service);
        sim.faults().forTask(ref.taskId()).always(InjectedFault.connectionReset());
        Throwable t = Polls.failure(source, ref);
        assertFalse(t instanceof CloudServiceException, String.valueOf(t));
        assertTrue(chainHas(t, java.io.IOException.class), "an I/O failure in the chain: " + t);
        assertTrue(sim.journal().entries(e -> ref.taskId().equals(e.taskId())).stream()
                .allMatch(e -> e.status() == 0 && "fault:CONNECTION_RESET".equals(e.note())));
    }

    @ParameterizedTest
    @EnumSource(CloudService.class)
    void hangingResponse_shortReadTimeout_transportTimeout(CloudService service, CloudSimulator sim) {
        TaskRef ref = task(sim, service);
        sim.faults().forTask(ref.taskId()).always(InjectedFault.hang());
        long started = System.nanoTime();
        Throwable t = Polls.failure(impatient, ref);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertFalse(t instanceof CloudServiceException, String.valueOf(t));
        assertTrue(chainHas(t, java.net.SocketTimeoutException.class), "a read timeout in the chain: " + t);
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "bounded by the read timeout, took " + took);
    }

    @ParameterizedTest
    @EnumSource(CloudService.class)
    void rateLimitExceeded_throttledWithoutRetryAfterThenAcceptedLater(CloudService service, CloudSimulator sim,
            VirtualClock clock) {
        TaskRef ref = task(sim, service);
        sim.rateLimit(1, 2);
        try {
            Polls.status(source, ref);
            Polls.status(source, ref);
            CloudServiceException e = Polls.serviceError(source, ref);
            assertEquals(429, e.httpStatus());
            assertTrue(e.isThrottled());
            assertEquals(throttledCode(service), e.errorCode());
            assertNull(e.retryAfter());
            clock.advance(Duration.ofSeconds(2));
            assertEquals(TaskState.RUNNING, Polls.status(source, ref).state());
        } finally {
            sim.rateLimit(0, 0);
        }
    }

    @Test
    void seededProbabilityFault_libraryFailsExactlyTheFaultedPolls(CloudSimulator sim) {
        TaskRef ref = task(sim, CloudService.DWS);
        sim.faults().seed(7).forTask(ref.taskId()).withProbability(0.5, InjectedFault.status(503));
        int failed = 0;
        for (int i = 0; i < 30; i++) {
            try {
                Polls.status(source, ref);
            } catch (AssertionError e) {
                assertEquals(503, ((CloudServiceException) e.getCause()).httpStatus());
                failed++;
            }
        }
        long faulted = sim.journal().entries(e -> "fault:503".equals(e.note())).size();
        assertEquals(faulted, failed);
        assertTrue(failed > 0 && failed < 30, "some, not all: " + failed);
    }

    @ParameterizedTest
    @EnumSource(CloudService.class)
    void unknownId_404WithServiceCode(CloudService service, CloudSimulator sim) {
        TaskRef ref = switch (service) {
            case CCE -> TaskRef.cce(CloudSimulator.DEFAULT_PROJECT_ID, "00000000-0000-0000-0000-000000000000");
            case DCS -> TaskRef.dcs(CloudSimulator.DEFAULT_PROJECT_ID, CloudSimulator.DEFAULT_INSTANCE_ID, "nope");
            case DWS -> TaskRef.dws(CloudSimulator.DEFAULT_PROJECT_ID, "nope");
            case MRS -> TaskRef.mrs("999999");
        };
        CloudServiceException e = Polls.serviceError(source, ref);
        assertEquals(404, e.httpStatus());
        assertFalse(e.isTransient());
        assertEquals(notFoundCode(service), e.errorCode());
        assertRequestId(e);
    }

    @ParameterizedTest
    @EnumSource(CloudService.class)
    void notFoundWindow_404ThenVisible(CloudService service, CloudSimulator sim, VirtualClock clock) {
        TaskRef ref = sim.createTask(service, Timeline.builder().notFoundFor(Duration.ofSeconds(20))
                .queuedFor(Duration.ofSeconds(30)).duration(Duration.ofMinutes(5)).build());
        clock.advance(Duration.ofSeconds(5));
        CloudServiceException e = Polls.serviceError(source, ref);
        assertEquals(404, e.httpStatus());
        assertEquals(notFoundCode(service), e.errorCode());
        clock.advance(Duration.ofSeconds(19));
        assertEquals(TaskState.RUNNING, Polls.status(source, ref).state());
        List<JournalEntry> polls = sim.journal().entries(j -> ref.taskId().equals(j.taskId()) && j.endpoint() == Endpoint.POLL);
        assertEquals(List.of(404, 200), polls.stream().map(JournalEntry::status).toList());
    }

    private static String notFoundCode(CloudService service) {
        return switch (service) {
            case CCE -> "NotFound";
            case DCS -> "DCS.4049";
            case DWS -> "DWS.0015";
            case MRS -> "12004";
        };
    }


    private static boolean chainHas(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
