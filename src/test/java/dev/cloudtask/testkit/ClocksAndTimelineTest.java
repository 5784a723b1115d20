package dev.cloudtask.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The clocks and the validation of timelines and faults (plain JUnit, no HTTP). */
class ClocksAndTimelineTest {

    @Test
    void virtualClock_advance_movesOnlyWhenTold() {
        VirtualClock c = VirtualClock.at(Instant.parse("2030-01-01T00:00:00Z"));
        assertEquals(Instant.parse("2030-01-01T00:00:00Z"), c.instant());
        c.advance(Duration.ofMinutes(90));
        assertEquals(Instant.parse("2030-01-01T01:30:00Z"), c.instant());
        assertEquals(c.instant(), c.withZone(ZoneOffset.ofHours(2)).instant(), "views share the time");
        assertThrows(IllegalArgumentException.class, () -> c.advance(Duration.ofSeconds(-1)));
    }

    @Test
    void acceleratedClock_factor60_oneBaseSecondIsOneMinute() {
        VirtualClock base = VirtualClock.create();
        AcceleratedClock fast = AcceleratedClock.of(base, 60);
        Instant start = fast.instant();
        base.advance(Duration.ofSeconds(1));
        assertEquals(start.plus(Duration.ofMinutes(1)), fast.instant());
        assertEquals("clock factor '0.0' must be a finite number > 0",
                assertThrows(IllegalArgumentException.class, () -> AcceleratedClock.of(Clock.systemUTC(), 0)).getMessage());
    }

    @Test
    void timeline_invalidValues_rejectedNamingTheValue() {
        assertEquals("timeline duration 'PT0S' must be > 0", assertThrows(IllegalArgumentException.class,
                () -> Timeline.builder().duration(Duration.ZERO).build()).getMessage());
        assertEquals("failure atProgress '100' must be within 0..99", assertThrows(IllegalArgumentException.class,
                () -> Timeline.builder().fails("X", "y", 100)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Timeline.builder().duration(Duration.ofMinutes(1))
                .stall(Duration.ofSeconds(30), Duration.ofSeconds(30)).build()).getMessage().contains("must end before"));
        assertEquals("step name ' ' is blank", assertThrows(IllegalArgumentException.class,
                () -> Timeline.builder().step(" ")).getMessage());
    }

    @Test
    void timeline_defaultsPerService_realisticNamesAndSuccess() {
        for (CloudService s : CloudService.values()) {
            Timeline t = Timeline.defaults(s);
            assertTrue(!t.fails() && t.name() != null, s.toString());
        }
        assertEquals(3, Timeline.defaults(CloudService.CCE).steps().size());
        assertEquals(0, Timeline.defaults(CloudService.DWS).steps().size());
    }

    @Test
    void fault_invalidCombinations_rejected() {
        assertThrows(IllegalArgumentException.class, () -> InjectedFault.status(418));
        assertThrows(IllegalArgumentException.class, () -> InjectedFault.htmlErrorPage(200));
        assertThrows(IllegalArgumentException.class, () -> new FaultPlan().forAll().next(0, InjectedFault.hang()));
        assertThrows(IllegalArgumentException.class, () -> new FaultPlan().forAll().withProbability(1.5, InjectedFault.hang()));
        assertEquals("fault:503", InjectedFault.status(503).label());
    }

    @Test
    void mrsTask_nonNumericFailureCode_rejectedAtCreation() {
        try (CloudSimulator sim = CloudSimulator.builder().clock(VirtualClock.create()).start()) {
            assertEquals("MRS failure code 'E1' must be an integer", assertThrows(IllegalArgumentException.class,
                    () -> sim.createTask(CloudService.MRS, Timeline.builder().fails("E1", "x").build())).getMessage());
        }
    }

    @Test
    void credentials_toString_hidesSecrets() {
        String s = SimCredentials.DEFAULTS.toString();
        assertTrue(!s.contains("sim-password") && !s.contains("sim-secret") && !s.contains("Admin@123"), s);
    }
}
