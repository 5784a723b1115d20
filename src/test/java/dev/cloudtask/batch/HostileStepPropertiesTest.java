package dev.cloudtask.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.testkit.Endpoint;
import dev.cloudtask.testkit.batch.BatchJobs;
import dev.cloudtask.testkit.batch.SimBatch;
import dev.cloudtask.testkit.batch.WithJBatch;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.StepExecution;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile ids in the batchlet's properties ({@code taskId}, {@code projectId}, {@code instanceId},
 * {@code tasks}): each is an {@link InvalidPropertyException} naming the property and showing the
 * value escaped and shortened, and on the jbatch runtime the step fails at once with
 * {@code INVALID_PROPERTY:<property>}.
 */
@WithJBatch
class HostileStepPropertiesTest {
    static SimBatch batch;

    static final List<String> HOSTILE = List.of("../etc", "a/../b", "a%2Fb", "a b", "a\nb", "a\r\nX: y",
            "x".repeat(10_000));

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String v : HOSTILE) {
            out.add(Arguments.of("taskId", v, Map.of("service", "dws", "projectId", "p1", "taskId", v)));
            out.add(Arguments.of("projectId", v, Map.of("service", "cce", "projectId", v, "taskId", "j1")));
            out.add(Arguments.of("instanceId", v, Map.of("service", "dcs", "projectId", "p1", "instanceId", v,
                    "taskId", "t1")));
            out.add(Arguments.of("tasks", v, Map.of("tasks", "mrs/c1, mrs/" + v)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("cases")
    void stepProperties_hostileId_invalidPropertyNamingPropertyAndValue(String property, String value,
            Map<String, String> props) {
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class,
                () -> new StepProperties(new HashMap<>(props)).selector());
        assertEquals(property, e.property());
        assertTrue(e.getMessage().startsWith("property '" + property + "'"), e.getMessage());
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
        assertTrue(e.getMessage().length() < 400, "bounded: " + e.getMessage().length());
    }

    static Stream<Arguments> jobCases() {
        return Stream.of(
                Arguments.of("taskId", Map.of("service", "dws", "projectId", "p1", "taskId", "../../admin")),
                Arguments.of("taskId", Map.of("service", "mrs", "taskId", "a%2Fb")),
                Arguments.of("taskId", Map.of("service", "mrs", "taskId", "a\nb")),
                Arguments.of("taskId", Map.of("service", "mrs", "taskId", "x".repeat(10_000))),
                Arguments.of("tasks", Map.of("tasks", "cce/p1/../j")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jobCases")
    void awaitStep_hostileIdInJobParameter_failsAtOnceWithInvalidProperty(String property, Map<String, String> params) {
        long id = BatchJobs.start("await-bad-property", params);
        BatchJobs.awaitEnd(id);
        StepExecution step = BatchJobs.step(id, "awaitNode");
        assertEquals(BatchStatus.FAILED, step.getBatchStatus());
        assertEquals("INVALID_PROPERTY:" + property, step.getExitStatus());
        assertTrue(batch.requests(Endpoint.POLL).isEmpty(), "no request reached the simulator");
    }
}
