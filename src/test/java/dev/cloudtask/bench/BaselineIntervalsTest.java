package dev.cloudtask.bench;

import static dev.cloudtask.testkit.ScriptedSource.running;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.bench.BaselineIntervals.Jitter;
import dev.cloudtask.internal.IntervalStrategy;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The baseline strategies the benchmark compares against. */
class BaselineIntervalsTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void fixed_everyDelayTheSame() {
        IntervalStrategy.Schedule s = BaselineIntervals.fixed(Duration.ofSeconds(10))
                .start(AwaitPolicy.ofDefaults(), new Random(1), Instant.EPOCH);
        assertEquals(Duration.ofSeconds(10), s.firstDelay());
        for (int i = 0; i < 5; i++) {
            assertEquals(Duration.ofSeconds(10), s.next(NOW, running()));
        }
    }

    @Test
    void exponentialNoJitter_doublesUpToCap() {
        IntervalStrategy.Schedule s = BaselineIntervals.exponential(Duration.ofMillis(100), 2, Duration.ofSeconds(1),
                Jitter.NONE).start(AwaitPolicy.ofDefaults(), new Random(1), Instant.EPOCH);
        long[] expected = {100, 200, 400, 800, 1000, 1000};
        assertEquals(Duration.ofMillis(expected[0]), s.firstDelay());
        for (int i = 1; i < expected.length; i++) {
            assertEquals(Duration.ofMillis(expected[i]), s.next(NOW, running()));
        }
    }

    @Test
    void exponentialFullJitter_eachDelayBetweenZeroAndCeiling() {
        IntervalStrategy.Schedule s = BaselineIntervals.exponential(Duration.ofSeconds(5), 1.5, Duration.ofSeconds(45),
                Jitter.FULL).start(AwaitPolicy.ofDefaults(), new Random(1), Instant.EPOCH);
        double ceiling = 5;
        Duration d = s.firstDelay();
        for (int i = 0; i < 20; i++) {
            assertTrue(d.toMillis() <= ceiling * 1000, d + " <= " + ceiling);
            ceiling = Math.min(45, ceiling * 1.5);
            d = s.next(NOW, running());
        }
    }

    @Test
    void exponentialFromFirst_neverBelowFirstDelay() {
        IntervalStrategy.Schedule s = BaselineIntervals.exponential(Duration.ofSeconds(2), 2, Duration.ofSeconds(120),
                Jitter.FROM_FIRST).start(AwaitPolicy.ofDefaults(), new Random(1), Instant.EPOCH);
        for (int i = 0; i < 20; i++) {
            Duration d = s.next(NOW, running());
            assertTrue(d.toMillis() >= 2000 && d.toMillis() <= 120_000, d.toString());
        }
    }

    @Test
    void exponential_capBelowFirst_rejected() {
        assertThrows(IllegalArgumentException.class, () -> BaselineIntervals.exponential(
                Duration.ofSeconds(10), 2, Duration.ofSeconds(1), Jitter.NONE));
    }
}
