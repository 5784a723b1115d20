package dev.cloudtask.internal;

import static dev.cloudtask.testkit.ScriptedSource.running;
import static dev.cloudtask.testkit.ScriptedSource.succeeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.AwaitHandle;
import dev.cloudtask.AwaitOutcome;
import dev.cloudtask.ProgressEvent;
import dev.cloudtask.TaskRef;
import dev.cloudtask.testkit.ScriptedSource;
import dev.cloudtask.testkit.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A telemetry that fails (as an older OpenTelemetry API does with NoSuchMethodError) never disturbs a wait. */
class SafeTelemetryTest {

    /** Counts the reports; the first progress report fails. */
    static final class Failing implements Telemetry, Telemetry.Wait {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Wait waitStarted(TaskRef ref, Instant at) {
            calls.incrementAndGet();
            return this;
        }

        @Override
        public void heldBack(TaskRef ref, long nanos) {
            calls.incrementAndGet();
        }

        @Override
        public void polled(PollResult result) {
            calls.incrementAndGet();
        }

        @Override
        public void progressed(ProgressEvent event) {
            calls.incrementAndGet();
            throw new NoSuchMethodError("an API method this server's OpenTelemetry lacks");
        }

        @Override
        public void credentialRefreshed(boolean fresh) {
            calls.incrementAndGet();
        }

        @Override
        public void ended(AwaitOutcome outcome) {
            calls.incrementAndGet();
        }
    }

    @Test
    void failingReport_waitsGoOn_reportsTurnedOff() {
        VirtualScheduler time = new VirtualScheduler();
        ScriptedSource source = new ScriptedSource(time.clock()).then(running(10)).then(running(50)).then(succeeded());
        Failing failing = new Failing();
        SafeTelemetry safe = new SafeTelemetry(failing);
        PollingEngine engine = new PollingEngine(source, time, 1, time.clock(), new Random(1),
                new EngineFactory.Limits(0, 0, Duration.ofSeconds(30)), java.util.Map.of(), IntervalStrategy.adaptive(), safe);
        AwaitHandle h = engine.start(EngineFixture.REF, null, EngineFixture.POLICY, e -> { });
        time.runUntil(() -> h.outcome().toCompletableFuture().isDone(), Duration.ofHours(1));
        assertEquals(AwaitOutcome.Kind.SUCCEEDED, h.join().kind());
        assertTrue(safe.broken());
        // waitStarted, heldBack, polled, then the failing progressed: nothing after it
        assertEquals(4, failing.calls.get());
        AwaitHandle second = engine.start(EngineFixture.REF, null, EngineFixture.POLICY, e -> { });
        second.stop();
        assertEquals(4, failing.calls.get(), "off for later waits too");
        engine.close();
    }

    @Test
    void workingReports_passThrough() {
        Failing failing = new Failing();
        SafeTelemetry safe = new SafeTelemetry(failing);
        Telemetry.Wait w = safe.waitStarted(EngineFixture.REF, Instant.EPOCH);
        w.polled(Telemetry.PollResult.ANSWERED);
        safe.heldBack(EngineFixture.REF, 5);
        assertEquals(3, failing.calls.get());
        assertFalse(safe.broken());
    }
}
