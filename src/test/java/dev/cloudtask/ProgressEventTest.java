package dev.cloudtask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The prediction a progress event carries: both parts or neither, never a negative spread. */
class ProgressEventTest {
    private static final TaskRef REF = TaskRef.dws("proj1", "job1");
    private static final TaskStatus RUNNING = TaskStatus.of(TaskState.RUNNING, "RUNNING");
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void withoutPrediction_bothNull() {
        ProgressEvent e = new ProgressEvent(REF, null, RUNNING, AT);
        assertNull(e.predictedEnd());
        assertNull(e.predictedEndSpread());
    }

    @Test
    void withPrediction_keepsEndAndSpread() {
        ProgressEvent e = new ProgressEvent(REF, null, RUNNING, AT, AT.plusSeconds(90), Duration.ofSeconds(12));
        assertEquals(AT.plusSeconds(90), e.predictedEnd());
        assertEquals(Duration.ofSeconds(12), e.predictedEndSpread());
    }

    @Test
    void endWithoutSpread_rejectedNamingBoth() {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> new ProgressEvent(REF, null, RUNNING, AT, AT.plusSeconds(90), null));
        assertTrue(x.getMessage().contains("predictedEnd '2026-01-01T00:01:30Z'"), x.getMessage());
        assertTrue(x.getMessage().contains("predictedEndSpread 'null'"), x.getMessage());
    }

    @Test
    void negativeSpread_rejected() {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> new ProgressEvent(REF, null, RUNNING, AT, AT, Duration.ofSeconds(-1)));
        assertTrue(x.getMessage().contains("predictedEndSpread 'PT-1S' must not be negative"), x.getMessage());
    }
}
