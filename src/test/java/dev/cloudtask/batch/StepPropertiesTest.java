package dev.cloudtask.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.TaskRef;
import java.time.Duration;
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
    void policy_noKnobs_documentedDefaults() {
        assertEquals(AwaitPolicy.ofDefaults(), props().policy());
        assertEquals(OnRemoteFailure.FAIL, props().onRemoteFailure());
        assertEquals(FanIn.ALL, props().mode());
    }

    @Test
    void policy_everyKnobSet_appliedTogether() {
        AwaitPolicy p = props("timeout", "PT2H", "initialDelay", "0s", "firstInterval", "10m", "maxInterval", "20m",
                "growth", "2", "errorBudget", "3", "notFoundGrace", "5m", "strict", "TRUE").policy();
        assertEquals(new AwaitPolicy(Duration.ZERO, Duration.ofMinutes(10), 2.0, Duration.ofMinutes(20),
                Duration.ofHours(2), 3, Duration.ofMinutes(5), true), p);
    }

    @Test
    void policy_firstIntervalAboveDefaultMax_blamesTheSetProperty() {
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class,
                () -> props("firstInterval", "10m").policy());
        assertEquals("firstInterval", e.property());
        assertTrue(e.getMessage().startsWith("property 'firstInterval' has value '10m'"), e.getMessage());
    }

    @Test
    void policy_maxIntervalBelowFirst_blamesMaxInterval() {
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class,
                () -> props("firstInterval", "10m", "maxInterval", "1m").policy());
        assertEquals("maxInterval", e.property());
    }

    @Test
    void onRemoteFailure_lowerCase_accepted() {
        assertEquals(OnRemoteFailure.COMPLETE, props("onRemoteFailure", "complete").onRemoteFailure());
        assertEquals(FanIn.ANY, props("mode", "Any").mode());
    }

    @Test
    void invalidProperty_controlCharacterInValue_escapedInMessage() {
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class,
                () -> props("tasks", "mrs/a\u0007b").selector());
        assertTrue(e.getMessage().contains("\\u0007"), e.getMessage());
        assertEquals("tasks", e.property());
    }
}
