package dev.cloudtask.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StateTableTest {
    final List<LogRecord> records = new CopyOnWriteArrayList<>();
    final Logger logger = Logger.getLogger(StateTable.class.getName());
    final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        logger.addHandler(handler);
    }

    @AfterEach
    void release() {
        logger.removeHandler(handler);
    }

    @Test
    void lookup_unknownValueRepeated_loggedOncePerValue() {
        StateTable t = StateTable.of(CloudService.DWS, "status", Map.of("RUNNING", TaskState.RUNNING));
        assertEquals(TaskState.UNKNOWN, t.lookup("PAUSED"));
        assertEquals(TaskState.UNKNOWN, t.lookup("PAUSED"));
        assertEquals(TaskState.UNKNOWN, t.lookup("HALTED"));
        assertEquals(2, records.size());
        assertTrue(records.get(0).getParameters()[2].equals("PAUSED"));
    }

    @Test
    void lookup_caseAndBlanks_ignored() {
        StateTable t = StateTable.of(CloudService.CCE, "status.phase", Map.of("Success", TaskState.SUCCEEDED));
        assertEquals(TaskState.SUCCEEDED, t.lookup(" success "));
        assertEquals(TaskState.SUCCEEDED, t.lookup("SUCCESS"));
        assertTrue(records.isEmpty());
    }

    @Test
    void lookup_manyDistinctUnknowns_loggingBounded() {
        StateTable t = StateTable.of(CloudService.MRS, "state", Map.of());
        for (int i = 0; i < 500; i++) {
            t.lookup("S" + i);
        }
        assertEquals(StateTable.MAX_LOGGED, records.size());
    }
}
