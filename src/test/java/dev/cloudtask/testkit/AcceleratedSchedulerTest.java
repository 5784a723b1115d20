package dev.cloudtask.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The accelerated scheduler: delays in simulated time, on real threads. */
class AcceleratedSchedulerTest {

    @Test
    void conversions_factor600_tenSimulatedMinutesAreOneRealSecond() {
        AcceleratedScheduler s = new AcceleratedScheduler(AcceleratedClock.since(Instant.now(), 600), 1);
        try {
            assertEquals(Duration.ofSeconds(1), s.real(Duration.ofMinutes(10)));
            assertEquals(Duration.ofMinutes(10), s.simulated(Duration.ofSeconds(1)));
            assertEquals(600.0, s.factor());
        } finally {
            s.shutdownNow();
        }
    }

    @Test
    void schedule_tenSimulatedMinutes_runsOnceTheClockHasPassedThem() throws Exception {
        AcceleratedScheduler s = new AcceleratedScheduler(AcceleratedClock.since(Instant.now(), 6000), 1);
        try {
            Instant before = s.clock().instant();
            ScheduledFuture<Instant> at = s.schedule(() -> s.clock().instant(), 10, TimeUnit.MINUTES);
            Instant ran = at.get(30, TimeUnit.SECONDS); // 100 ms of real time
            assertTrue(!ran.isBefore(before.plus(Duration.ofMinutes(10))), ran + " vs " + before);
        } finally {
            s.shutdownNow();
        }
    }

    @Test
    void since_sameOriginAndFactor_clocksAgree() {
        Instant origin = Instant.now().minusSeconds(10);
        AcceleratedClock a = AcceleratedClock.since(origin, 100);
        AcceleratedClock b = AcceleratedClock.since(origin, 100);
        Instant first = a.instant();
        Instant second = b.instant();
        assertTrue(!second.isBefore(first), "b, read later, is not behind a");
        assertTrue(first.isAfter(origin.plusSeconds(999)), "10 real seconds after the origin are 1000 simulated");
    }

    @Test
    void since_zeroFactor_rejectedNamingTheFactor() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AcceleratedClock.since(Instant.now(), 0));
        assertTrue(e.getMessage().contains("'0.0'"), e.getMessage());
    }
}
