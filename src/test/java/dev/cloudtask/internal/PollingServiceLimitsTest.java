package dev.cloudtask.internal;

import static dev.cloudtask.testkit.ScriptedSource.succeeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.AwaitHandle;
import dev.cloudtask.AwaitOutcome.Kind;
import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Engine limits set for one service apply to that service's waits only. Strategy: in virtual time,
 * read from the scripted source's request times when each request was made.
 */
class PollingServiceLimitsTest {

    @Test
    void requestTimeout_setForDcs_dcsRequestAbandonedAfterItsOwnTimeout() {
        EngineFixture f = new EngineFixture(b -> b.requestTimeout(Duration.ofSeconds(3))
                .requestTimeout(CloudService.DCS, Duration.ofSeconds(7)));
        f.source.thenHang().then(succeeded());
        assertEquals(Kind.SUCCEEDED, f.finish(f.start(EngineFixture.REF, EngineFixture.POLICY)).kind());
        assertEquals(List.of(0.0, 12.0), f.fetchSeconds(), "7s dcs request timeout + 5s backoff");
    }

    @Test
    void requestTimeout_setForDcs_otherServiceKeepsTheEngineWideTimeout() {
        EngineFixture f = new EngineFixture(b -> b.requestTimeout(Duration.ofSeconds(3))
                .requestTimeout(CloudService.DCS, Duration.ofSeconds(7)));
        f.source.thenHang().then(succeeded());
        assertEquals(Kind.SUCCEEDED, f.finish(f.start(TaskRef.mrs("c1"), EngineFixture.POLICY)).kind());
        assertEquals(List.of(0.0, 8.0), f.fetchSeconds(), "3s request timeout + 5s backoff");
    }

    @Test
    void rateLimit_oneRequestPerSecondForDws_dwsRequestsSpacedOtherServiceNot() {
        EngineFixture f = new EngineFixture(b -> b.rateLimit(CloudService.DWS, 1, 1));
        f.source.then(succeeded());
        List<AwaitHandle> dws = List.of(f.start(TaskRef.dws("p", "j1"), EngineFixture.POLICY),
                f.start(TaskRef.dws("p", "j2"), EngineFixture.POLICY),
                f.start(TaskRef.dws("p", "j3"), EngineFixture.POLICY));
        dws.forEach(f::finish);
        assertEquals(List.of(0.0, 1.0, 2.0), f.fetchSeconds());

        EngineFixture g = new EngineFixture(b -> b.rateLimit(CloudService.DWS, 1, 1));
        g.source.then(succeeded());
        List<AwaitHandle> cce = List.of(g.start(TaskRef.cce("p", "j1"), EngineFixture.POLICY),
                g.start(TaskRef.cce("p", "j2"), EngineFixture.POLICY),
                g.start(TaskRef.cce("p", "j3"), EngineFixture.POLICY));
        cce.forEach(g::finish);
        assertEquals(List.of(0.0, 0.0, 0.0), g.fetchSeconds(), "cce keeps the default burst");
    }

    @Test
    void builder_invalidServiceSettings_rejectedNamingTheValue() {
        var b = dev.cloudtask.CloudTaskAwaiter.builder(r -> null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.rateLimit(CloudService.DWS, Double.NaN, 5));
        assertTrue(e.getMessage().contains("'NaN'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.requestTimeout(CloudService.MRS, Duration.ZERO));
        assertTrue(e.getMessage().contains("requestTimeout 'PT0S'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.schedulerThreads(0));
        assertTrue(e.getMessage().contains("schedulerThreads '0'"), e.getMessage());
    }
}
