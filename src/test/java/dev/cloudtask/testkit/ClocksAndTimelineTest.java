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
    void timeline_invalidCurveParameters_rejectedNamingTheValue() {
        Duration min = Duration.ofMinutes(1);
        assertEquals("timeline fullAt 'PT1M' must be shorter than the duration 'PT1M'", assertThrows(
                IllegalArgumentException.class, () -> Timeline.builder().duration(min).overshoot(min).build()).getMessage());
        assertEquals("timeline rushFrom '100.0' must be >= 0 and < 100", assertThrows(IllegalArgumentException.class,
                () -> Timeline.builder().lateRush(Duration.ofSeconds(30), 100).build()).getMessage());
        assertEquals("timeline rushAfter 'null' must be > 0", assertThrows(IllegalArgumentException.class,
                () -> Timeline.builder().shape(ProgressShape.LATE_RUSH).build()).getMessage());
        assertEquals("timeline step ends [PT20S, PT10S] must be ascending", assertThrows(IllegalArgumentException.class,
                () -> Timeline.builder().coarseSteps(Duration.ofSeconds(20), Duration.ofSeconds(10)).build()).getMessage());
        assertEquals("timeline dip points '0.0' must be > 0 and <= 100", assertThrows(IllegalArgumentException.class,
                () -> Timeline.builder().dip(Duration.ofSeconds(5), Duration.ofSeconds(5), 0)).getMessage());
        assertEquals("timeline dip at 'PT1M' must be before the duration 'PT1M'", assertThrows(
                IllegalArgumentException.class, () -> Timeline.builder().duration(min)
                        .dip(min, Duration.ofSeconds(5), 2).build()).getMessage());
        assertEquals("timeline of shape DIPS needs at least one dip", assertThrows(IllegalArgumentException.class,
                () -> Timeline.builder().shape(ProgressShape.DIPS).build()).getMessage());
        assertEquals("timeline failure after 'PT1M' must be shorter than the duration 'PT1M'", assertThrows(
                IllegalArgumentException.class, () -> Timeline.builder().duration(min).failsAfter(min, "X", "y").build())
                .getMessage());
    }

    @Test
    void timeline_otherShape_dropsTheCurveParameters() {
        Timeline t = Timeline.builder().overshoot(Duration.ofSeconds(30)).coarseSteps(Duration.ofSeconds(10)).build();
        assertEquals(ProgressShape.COARSE_STEPS, t.shape(), "the last shape set wins");
        assertEquals(null, t.fullAt());
        assertEquals(java.util.List.of(Duration.ofSeconds(10)), t.stepEnds());
        Timeline linear = t.toBuilder().shape(ProgressShape.LINEAR).build();
        assertTrue(linear.stepEnds().isEmpty() && linear.dips().isEmpty() && linear.rushAfter() == null);
    }

    @Test
    void timeline_curveValues_workPercentAndRemainingAtChosenTimes() {
        Timeline s = Timeline.builder().duration(Duration.ofSeconds(100)).shape(ProgressShape.S_CURVE).build();
        assertEquals(0.15625, s.workDone(Duration.ofSeconds(25)), 1e-12);
        assertEquals(84, s.percentAfter(Duration.ofSeconds(75)));
        assertEquals(Duration.ofSeconds(14), s.remainingAfter(Duration.ofSeconds(75)), "75 s × 16 / 84");
        assertEquals(null, s.remainingAfter(Duration.ZERO), "no estimate at 0 %");
        Timeline linear = Timeline.builder().duration(Duration.ofSeconds(100)).build();
        assertEquals(Duration.ofSeconds(25), linear.remainingAfter(Duration.ofSeconds(75)), "until the end");
        Timeline over = Timeline.builder().duration(Duration.ofSeconds(100)).overshoot(Duration.ofSeconds(80)).build();
        assertEquals(100, over.percentAfter(Duration.ofSeconds(90)));
        assertEquals(Duration.ZERO, over.remainingAfter(Duration.ofSeconds(90)));
        Timeline failing = s.toBuilder().failsAfter(Duration.ofSeconds(40), "X", "y").build();
        assertEquals(Duration.ofSeconds(40), failing.runsFor());
        assertEquals(0.352, failing.workDone(Duration.ofSeconds(40)), 1e-12, "unscaled: the shape's own value");
        Timeline atEnd = s.toBuilder().fails("X", "y", 60).build();
        assertEquals(0.3, atEnd.workDone(Duration.ofSeconds(50)), 1e-12, "scaled to 60 %");
        assertEquals(Duration.ofSeconds(100), atEnd.runsFor());
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
