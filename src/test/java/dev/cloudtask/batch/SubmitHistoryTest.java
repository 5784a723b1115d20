package dev.cloudtask.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.TaskRef;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import java.io.Serializable;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What earlier step executions say about the operation: the newest ended one speaks for all before
 * it, and one that never ended (a killed JVM) may have sent at any moment after it started.
 */
class SubmitHistoryTest {
    private static final Instant T1 = Instant.parse("2026-05-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-05-01T11:00:00Z");

    private record Exec(long id, BatchStatus status, Instant start, Serializable data) implements StepExecution {
        @Override
        public long getStepExecutionId() {
            return id;
        }

        @Override
        public String getStepName() {
            return "submit";
        }

        @Override
        public BatchStatus getBatchStatus() {
            return status;
        }

        @Override
        public Date getStartTime() {
            return start == null ? null : Date.from(start);
        }

        @Override
        public Date getEndTime() {
            return null;
        }

        @Override
        public String getExitStatus() {
            return status.name();
        }

        @Override
        public Serializable getPersistentUserData() {
            return data;
        }

        @Override
        public Metric[] getMetrics() {
            return new Metric[0];
        }
    }

    private static String record(Instant mayHaveSentAt) {
        return new SubmitRecord(mayHaveSentAt, "DWS POST /v1.0/p/clusters/c/cns/batch-create").encode();
    }

    @Test
    void noEarlierExecution_certain() {
        assertFalse(SubmitHistory.of(List.of()).uncertain());
    }

    @Test
    void newestPublished_adopted() {
        PublishedTasks tasks = new PublishedTasks(List.of(TaskRef.dws("p", "j-1")), T1);
        SubmitHistory h = SubmitHistory.of(List.of(new Exec(3, BatchStatus.COMPLETED, T1, tasks.encode())));
        assertEquals(tasks, h.published());
        assertFalse(h.uncertain());
    }

    @Test
    void killedExecution_uncertainSinceItsStart() {
        SubmitHistory h = SubmitHistory.of(List.of(new Exec(3, BatchStatus.STARTED, T2, null)));
        assertTrue(h.uncertain());
        assertEquals(T2, h.mayHaveSentAt());
        assertTrue(h.evidence().contains("never ended"), h.evidence());
    }

    @Test
    void killedExecutionWithRestoredRecord_stillUncertain() {
        // the runtime may hand a restarted execution its predecessor's data; one that never ended proves nothing
        SubmitHistory h = SubmitHistory.of(List.of(new Exec(3, BatchStatus.STARTED, T2, record(null))));
        assertTrue(h.uncertain());
    }

    @Test
    void newestEndedNotSent_certainEvenAfterOlderUncertainty() {
        SubmitHistory h = SubmitHistory.of(List.of(new Exec(5, BatchStatus.FAILED, T2, record(null)),
                new Exec(3, BatchStatus.STARTED, T1, null)));
        assertFalse(h.uncertain(), "the ended record speaks for all before it (a RESUBMIT was rejected)");
    }

    @Test
    void recordMayHaveSent_uncertainSinceThatTime() {
        SubmitHistory h = SubmitHistory.of(List.of(new Exec(5, BatchStatus.FAILED, T2, record(T1))));
        assertTrue(h.uncertain());
        assertEquals(T1, h.mayHaveSentAt());
    }

    @Test
    void killedAfterNotSentRecord_uncertainSinceTheKilledStart() {
        SubmitHistory h = SubmitHistory.of(List.of(new Exec(5, BatchStatus.STARTED, T2, null),
                new Exec(3, BatchStatus.FAILED, T1, record(null))));
        assertTrue(h.uncertain());
        assertEquals(T2, h.mayHaveSentAt());
    }

    @Test
    void killedAfterPublished_uncertainNotAdopted() {
        PublishedTasks tasks = new PublishedTasks(List.of(TaskRef.dws("p", "j-1")), T1);
        SubmitHistory h = SubmitHistory.of(List.of(new Exec(5, BatchStatus.STARTED, T2, null),
                new Exec(3, BatchStatus.COMPLETED, T1, tasks.encode())));
        assertTrue(h.uncertain());
        assertNull(h.published());
    }

    @Test
    void record_encodeDecode_roundTrip() {
        SubmitRecord r = new SubmitRecord(T1, "MRS POST /web/v1/maintain/cluster/1/service/HDFS/start");
        assertEquals(r, SubmitRecord.decode(r.encode()).orElseThrow());
        assertTrue(SubmitRecord.decode("cloudtask-tasks/1\nx").isEmpty());
        assertTrue(PublishedTasks.decode(r.encode()).isEmpty(), "a waiting step never mistakes a record for a task");
    }
}
