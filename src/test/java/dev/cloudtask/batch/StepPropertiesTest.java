package dev.cloudtask.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.TaskRef;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing of the job-XML properties, without a batch runtime. */
class StepPropertiesTest {

    private static StepProperties props(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return new StepProperties(m);
    }

    @Test
    void selector_dcsTaskId_buildsReferenceWithAllIds() {
        TaskSelector s = props("service", "DCS", "taskId", "t1", "projectId", "p1", "instanceId", "i1").selector();
        assertEquals(List.of(TaskRef.dcs("p1", "i1", "t1")), ((TaskSelector.Explicit) s).refs());
    }

    @Test
    void selector_tasksWithCommasAndSpaces_keepsOrder() {
        TaskSelector s = props("tasks", " mrs/c1, dws/p/j2\nmrs/c3 ", "submittedAt", "2024-05-01T10:15:30Z").selector();
        TaskSelector.Explicit e = (TaskSelector.Explicit) s;
        assertEquals(List.of(TaskRef.mrs("c1"), TaskRef.dws("p", "j2"), TaskRef.mrs("c3")), e.refs());
        assertEquals(Instant.parse("2024-05-01T10:15:30Z"), e.submittedAt());
    }

    @Test
    void selector_blankTaskIdWithTaskFromStep_blankCountsAsNotSet() {
        TaskSelector s = props("taskId", "  ", "taskFromStep", "submit").selector();
        assertEquals(new TaskSelector.FromStep("submit"), s);
    }

    @Test
    void selector_projectIdForMrs_blamesProjectIdWithItsValue() {
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class,
                () -> props("service", "mrs", "taskId", "c1", "projectId", "p1").selector());
        assertEquals("projectId", e.property());
        assertEquals("property 'projectId' has value 'p1': is not used by mrs; leave it out", e.getMessage());
    }

    @Test
    void selector_badTaskIdAndBadProjectId_eachBlamedWhereItIsRead() {
        InvalidPropertyException task = assertThrows(InvalidPropertyException.class,
                () -> props("service", "dws", "taskId", "a/b", "projectId", "p1").selector());
        assertEquals("taskId", task.property());
        assertEquals("property 'taskId' has value 'a/b': must not contain '/'", task.getMessage());
        InvalidPropertyException project = assertThrows(InvalidPropertyException.class,
                () -> props("service", "dws", "taskId", "j1", "projectId", "a/b").selector());
        assertEquals("projectId", project.property());
    }

    @Test
    void value_threadsZero_namesThreads() {
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class,
                () -> props("threads", "0").value(JobXmlProperties.THREADS));
        assertEquals("property 'threads' has value '0': must be at least 1", e.getMessage());
    }

    @Test
    void invalidProperty_controlCharacterInValue_escapedInMessage() {
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class,
                () -> props("tasks", "mrs/a\u0007b").selector());
        assertTrue(e.getMessage().contains("\\u0007"), e.getMessage());
        assertEquals("tasks", e.property());
    }
}
