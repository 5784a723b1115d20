package dev.cloudtask.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.TaskRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The text form stored as persistent user data. */
class PublishedTasksTest {

    @Test
    void encodeDecode_severalRefsAndInstant_roundTrip() {
        PublishedTasks p = new PublishedTasks(List.of(TaskRef.cce("p", "j"), TaskRef.dcs("p", "i", "t")),
                Instant.parse("2024-05-01T10:15:30.123Z"));
        assertEquals(Optional.of(p), PublishedTasks.decode(p.encode()));
    }

    @Test
    void encodeDecode_unknownSubmission_roundTrip() {
        PublishedTasks p = new PublishedTasks(List.of(TaskRef.mrs("c")), null);
        assertEquals(Optional.of(p), PublishedTasks.decode(p.encode()));
    }

    @Test
    void decode_otherUserData_empty() {
        assertTrue(PublishedTasks.decode(42).isEmpty());
        assertTrue(PublishedTasks.decode("my own checkpoint").isEmpty());
        assertTrue(PublishedTasks.decode(null).isEmpty());
    }

    @Test
    void decode_headerWithBadBody_rejected() {
        assertThrows(IllegalArgumentException.class, () -> PublishedTasks.decode("cloudtask-tasks/1\nsubmittedAt=x\nmrs/c"));
    }

    @Test
    void constructor_noRefs_rejected() {
        assertThrows(IllegalArgumentException.class, () -> new PublishedTasks(List.of(), null));
    }
}
