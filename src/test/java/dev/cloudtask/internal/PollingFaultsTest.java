package dev.cloudtask.internal;

import static dev.cloudtask.testkit.ScriptedSource.failed;
import static dev.cloudtask.testkit.ScriptedSource.http;
import static dev.cloudtask.testkit.ScriptedSource.running;
import static dev.cloudtask.testkit.ScriptedSource.succeeded;
import static dev.cloudtask.testkit.ScriptedSource.unknown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.AwaitOutcome;
import dev.cloudtask.AwaitOutcome.Kind;
import dev.cloudtask.CloudService;
import dev.cloudtask.CloudServiceException;
import dev.cloudtask.TaskRef;
import jakarta.ws.rs.ProcessingException;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the engine reacts to each class of answer and failure. */
class PollingFaultsTest {

    // ------------------------------------------------------------ remote outcome

    @Test
    void status_succeeded_endsSucceededWithPollCount() {
        EngineFixture f = new EngineFixture();
        f.source.then(running(), 2).then(succeeded());
        AwaitOutcome o = f.finish(f.start(EngineFixture.POLICY));
        assertEquals(Kind.SUCCEEDED, o.kind());
        assertEquals(3, o.polls());
        assertEquals(0, o.errors());
        assertEquals(succeeded(), o.lastStatus());
        // no progress signal: polls every firstInterval (the no-signal cap 20s/20 is below it)
        assertEquals(Duration.ofSeconds(10), o.elapsed());
    }

    @Test
    void status_failed_endsFailedWithRemoteCodeAndDetail() {
        EngineFixture f = new EngineFixture();
        f.source.then(running()).then(failed("DCS.4096", "disk full"));
        AwaitOutcome o = f.finish(f.start(EngineFixture.POLICY));
        assertEquals(Kind.FAILED, o.kind());
        assertEquals("DCS.4096", o.errorCode());
        assertTrue(o.detail().contains("disk full") && o.detail().contains("dcs/proj1/inst1/task1"), o.detail());
    }

    @Test
    void status_unknownStateNotStrict_keepsWaitingAsRunning() {
        EngineFixture f = new EngineFixture();
        f.source.then(unknown("PAUSED"), 3).then(succeeded());
        AwaitOutcome o = f.finish(f.start(EngineFixture.POLICY.withStrict(false)));
        assertEquals(Kind.SUCCEEDED, o.kind());
        assertEquals(4, o.polls());
    }

    @Test
    void status_unknownStateStrict_endsFailedNamingTheState() {
        EngineFixture f = new EngineFixture();
        f.source.then(running()).then(unknown("PAUSED")).then(succeeded());
        AwaitOutcome o = f.finish(f.start(EngineFixture.POLICY.withStrict(true)));
        assertEquals(Kind.FAILED, o.kind());
        assertEquals(2, o.polls());
        assertTrue(o.detail().contains("'PAUSED'") && o.detail().contains("strict"), o.detail());
    }

    // ------------------------------------------------------------ 429

    @Test
    void throttled_withRetryAfter_pollsAgainExactlyThenAndCountsNoError() {
        EngineFixture f = new EngineFixture();
        f.source.thenFail(http(429, Duration.ofSeconds(7))).then(succeeded());
        AwaitOutcome o = f.finish(f.start(EngineFixture.POLICY));
        assertEquals(List.of(0.0, 7.0), f.fetchSeconds());
        assertEquals(Kind.SUCCEEDED, o.kind());
        assertEquals(0, o.errors());
        assertEquals(2, o.polls());
    }

    @Test
    void throttled_withoutRetryAfter_backsOffExponentiallyFromFirstInterval() {
        EngineFixture f = new EngineFixture();
        f.source.thenHttp(429).thenHttp(429).thenHttp(429).thenHttp(429).then(succeeded());
        f.finish(f.start(EngineFixture.POLICY));
        // 5s, 10s, 20s, then capped at maxInterval 20s
        assertEquals(List.of(0.0, 5.0, 15.0, 35.0, 55.0), f.fetchSeconds());
    }

    @Test
    void throttled_moreTimesThanErrorBudget_neverEndsInError() {
        EngineFixture f = new EngineFixture();
        for (int i = 0; i < 12; i++) {
            f.source.thenFail(http(429, Duration.ofSeconds(1)));
        }
        f.source.then(succeeded());
        AwaitOutcome o = f.finish(f.start(EngineFixture.POLICY.withErrorBudget(1)));
        assertEquals(Kind.SUCCEEDED, o.kind());
        assertEquals(0, o.errors());
        assertEquals(13, o.polls());
    }

    @Test
    void throttled_retryAfter_holdsBackOtherWaitsOfSameProject() {
        EngineFixture f = new EngineFixture();
        f.source.thenFail(http(429, Duration.ofSeconds(9))).then(running());
        f.start(TaskRef.dcs("proj1", "inst1", "a"), EngineFixture.POLICY);
        f.start(TaskRef.dcs("proj1", "inst1", "b"), EngineFixture.POLICY.withInitialDelay(Duration.ofSeconds(2)));
        f.time.advance(Duration.ofSeconds(10));
        // b's first poll was due at ~2s but waits for the pause that a's Retry-After started;
        // after the pause requests resume one slot after another, not in a burst, and the 429 lowered
        // the project's rate from the rate it had sent at (one request so far) far below the
        // configured 10/s, so the slots are longer than 0.1 s
        List<Double> t = f.fetchSeconds();
        assertEquals(3, t.size(), "a's first poll, then b's first poll and a's retry: " + t);
        assertEquals(0.0, t.get(0));
        assertEquals(9.0, t.get(1), 1e-6);
        assertTrue(t.get(2) - t.get(1) > 0.1 && t.get(2) - t.get(1) < 1.5, "a's retry one slot after b's poll: " + t);
    }

    // ------------------------------------------------------------ transient faults

    @Test
    void transient_5xxWithinBudget_retriedWithBackoffAndCounted() {
        EngineFixture f = new EngineFixture();
        f.source.thenHttp(503).thenHttp(500).then(succeeded());
        AwaitOutcome o = f.finish(f.start(EngineFixture.POLICY));
        assertEquals(Kind.SUCCEEDED, o.kind());
        assertEquals(2, o.errors());
        assertEquals(3, o.polls());
        assertEquals(List.of(0.0, 5.0, 15.0), f.fetchSeconds());
    }

    @Test
    void transient_budgetUsedUp_endsErrorAfterBudgetPlusOneInARow() {
        EngineFixture f = new EngineFixture();
        f.source.thenHttp(502);
        AwaitOutcome o = f.finish(f.start(EngineFixture.POLICY.withErrorBudget(3)));
        assertEquals(Kind.ERROR, o.kind());
        assertEquals(4, o.errors());
        assertEquals(4, f.source.fetches());
        assertEquals("DCS.502", o.errorCode());
        assertTrue(o.detail().contains("4 transient errors in a row (budget 3)"), o.detail());
    }

    @Test
    void transient_successBetweenErrors_resetsTheBudget() {
        EngineFixture f = new EngineFixture();
        f.source.thenHttp(503).thenHttp(503).then(running()).thenHttp(503).thenHttp(503).then(succeeded());
        AwaitOutcome o = f.finish(f.start(EngineFixture.POLICY.withErrorBudget(2)));
        assertEquals(Kind.SUCCEEDED, o.kind());
        assertEquals(4, o.errors());
    }

    @Test
    void transient_zeroBudget_firstErrorEndsWait() {
        EngineFixture f = new EngineFixture();
        f.source.thenHttp(503).then(succeeded());
        AwaitOutcome o = f.finish(f.start(EngineFixture.POLICY.withErrorBudget(0)));
        assertEquals(Kind.ERROR, o.kind());
    }

    @Test
    void transient_connectionAndParsingFailures_retriedAndNotCountedAsPolls() {
        EngineFixture f = new EngineFixture();
        f.source.thenFail(new ConnectException("connection refused"))
                .thenFail(new ProcessingException(new IOException("reset")))
                .thenFail(http(0, null)) // unreadable 2xx body
                .then(succeeded());
        AwaitOutcome o = f.finish(f.start(EngineFixture.POLICY));
        assertEquals(Kind.SUCCEEDED, o.kind());
        assertEquals(3, o.errors());
        assertEquals(2, o.polls(), "the malformed body and the success were answers; the others not");
    }

    @Test
    void transient_requestNeverAnswered_abandonedAfterRequestTimeoutAndRetried() {
        EngineFixture f = new EngineFixture(b -> b.requestTimeout(Duration.ofSeconds(3)));
        f.source.thenHang().then(succeeded());
        AwaitOutcome o = f.finish(f.start(EngineFixture.POLICY));
        assertEquals(Kind.SUCCEEDED, o.kind());
        assertEquals(1, o.errors());
        assertEquals(List.of(0.0, 8.0), f.fetchSeconds()); // 3s timeout + 5s backoff
        assertTrue(f.source.hanging().get(0).isCancelled());
    }

    @Test
    void unexpectedException_fromSource_endsErrorNamingIt() {
        EngineFixture f = new EngineFixture();
        f.source.thenFail(new IllegalStateException("bug in client"));
        AwaitOutcome o = f.finish(f.start(EngineFixture.POLICY));
        assertEquals(Kind.ERROR, o.kind());
        assertTrue(o.detail().contains("IllegalStateException: bug in client"), o.detail());
    }

    // ------------------------------------------------------------ 401

    @Test
    void unauthorized_refreshSucceeds_refreshesOnceAndPollsAgainAtOnce() {
        EngineFixture f = new EngineFixture();
        f.source.thenHttp(401).then(running()).thenHttp(401).then(succeeded());
        AwaitOutcome o = f.finish(f.start(EngineFixture.POLICY));
        assertEquals(Kind.SUCCEEDED, o.kind());
        assertEquals(2, f.source.refreshCalls(), "once per 401 episode");
        assertEquals(List.of(0.0, 0.0, 5.0, 5.0), f.fetchSeconds());
        assertEquals(2, o.errors());
    }

    @Test
    void unauthorized_secondTimeInARow_endsError() {
        EngineFixture f = new EngineFixture();
        f.source.thenHttp(401).thenHttp(401).then(succeeded());
        AwaitOutcome o = f.finish(f.start(EngineFixture.POLICY));
        assertEquals(Kind.ERROR, o.kind());
        assertEquals(1, f.source.refreshCalls());
        assertEquals("DCS.401", o.errorCode());
        assertTrue(o.detail().contains("rejected again after a refresh"), o.detail());
    }

    @Test
    void unauthorized_noFreshCredential_endsError() {
        EngineFixture f = new EngineFixture();
        f.source.refreshAnswers(false).thenHttp(401).then(succeeded());
        AwaitOutcome o = f.finish(f.start(EngineFixture.POLICY));
        assertEquals(Kind.ERROR, o.kind());
        assertEquals(1, f.source.fetches());
        assertTrue(o.detail().contains("401"), o.detail());
        assertEquals("DCS.401", o.errorCode(), "the service's code, like every other ERROR");
        assertTrue(o.detail().contains("no fresh credential could be obtained"), o.detail());
    }

    // ------------------------------------------------------------ 400/403/404

    @Test
    void forbidden_403_endsErrorAtOnceNamingServiceIdsAndCode() {
        EngineFixture f = new EngineFixture();
        f.source.thenFail(new CloudServiceException(CloudService.DCS, 403, "DCS.4030", "no permission",
                "req-9", null));
        AwaitOutcome o = f.finish(f.start(EngineFixture.POLICY));
        assertEquals(Kind.ERROR, o.kind());
        assertEquals("DCS.4030", o.errorCode());
        assertEquals(1, o.polls());
        assertEquals(1, o.errors());
        assertEquals(0.0, f.secondsSinceStart());
        for (String part : List.of("DCS", "proj1", "inst1", "task1", "403", "DCS.4030", "no permission")) {
            assertTrue(o.detail().contains(part), part + " in " + o.detail());
        }
    }

    @Test
    void badRequest_400WithoutCode_endsErrorWithHttpStatusAsCode() {
        EngineFixture f = new EngineFixture();
        f.source.thenFail(new CloudServiceException(CloudService.DCS, 400, null, "bad id", null, null));
        AwaitOutcome o = f.finish(f.start(EngineFixture.POLICY));
        assertEquals(Kind.ERROR, o.kind());
        assertEquals("400", o.errorCode());
    }

    @Test
    void notFound_withinGrace_keepsWaitingWithoutUsingBudget() {
        EngineFixture f = new EngineFixture();
        f.source.thenHttp(404).thenHttp(404).then(running()).then(succeeded());
        AwaitOutcome o = f.finish(f.start(EngineFixture.POLICY.withErrorBudget(0)));
        assertEquals(Kind.SUCCEEDED, o.kind());
        assertEquals(2, o.errors());
    }

    @Test
    void notFound_afterGrace_endsErrorNamingTheGrace() {
        EngineFixture f = new EngineFixture();
        f.source.thenHttp(404);
        AwaitOutcome o = f.finish(f.start(EngineFixture.POLICY.withNotFoundGrace(Duration.ofSeconds(30))));
        assertEquals(Kind.ERROR, o.kind());
        // 404 at 0, 5, 15 (inside 30s), the next at 35s is after the grace
        assertEquals(List.of(0.0, 5.0, 15.0, 35.0), f.fetchSeconds());
        assertTrue(o.detail().contains("not found 30s or more after submission"), o.detail());
    }

    @Test
    void notFound_submittedLongAgo_endsErrorAtFirstPoll() {
        EngineFixture f = new EngineFixture();
        f.source.thenHttp(404);
        Instant longAgo = f.start.minus(Duration.ofMinutes(10));
        var h = f.engine.start(EngineFixture.REF, longAgo, EngineFixture.POLICY, e -> { });
        AwaitOutcome o = f.finish(h);
        assertEquals(Kind.ERROR, o.kind());
        assertEquals(1, f.source.fetches());
    }

    @Test
    void outcome_errorDetail_neverCarriesTheLastStatusOfAnotherTask() {
        EngineFixture f = new EngineFixture();
        f.source.thenHttp(403);
        AwaitOutcome o = f.finish(f.start(EngineFixture.POLICY));
        assertNull(o.lastStatus());
        assertFalse(o.detail().isBlank());
    }
}
