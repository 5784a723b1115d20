package dev.cloudtask.batch;

import static dev.cloudtask.testkit.batch.BatchJobs.awaitEnd;
import static dev.cloudtask.testkit.batch.BatchJobs.start;
import static dev.cloudtask.testkit.batch.BatchJobs.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.testkit.batch.SimBatch;
import dev.cloudtask.testkit.batch.WithJBatch;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.StepExecution;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad-property case on the jbatch runtime: job XML {@code await-bad-property} takes each
 * property from a job parameter; each case must fail the step at once (no wait is started), with
 * exit status {@code INVALID_PROPERTY:<name>} and a logged message naming the property and value.
 * The real engine and simulator are wired ({@link SimBatch}), so "no request" is read from the
 * simulator's journal.
 */
@WithJBatch
class BadPropertyJobTest {
    static SimBatch batch;

    static Stream<Arguments> cases() {
        return Stream.of(
                bad("unknown service", "service", "'ftp'", "service", "ftp", "taskId", "j1", "projectId", "p1"),
                bad("missing service", "service", "is not set", "taskId", "j1", "projectId", "p1"),
                bad("missing task", "taskId", "set taskId (with service), tasks or taskFromStep", "service", "cce"),
                bad("id containing a slash", "taskId", "'a/b'", "service", "cce", "taskId", "a/b", "projectId", "p1"),
                bad("project id with ..", "projectId", "'..x'", "service", "cce", "taskId", "j1", "projectId", "..x"),
                bad("missing project", "projectId", "cce needs it", "service", "cce", "taskId", "j1"),
                bad("missing instance", "instanceId", "dcs needs it", "service", "dcs", "taskId", "t1", "projectId", "p1"),
                bad("project for mrs", "projectId", "'p1'", "service", "mrs", "taskId", "c1", "projectId", "p1"),
                bad("negative timeout", "timeout", "is negative", "timeout", "PT-5S", "tasks", "mrs/c1"),
                bad("timeout with a minus sign", "timeout", "'-5s'", "timeout", "-5s", "tasks", "mrs/c1"),
                bad("zero timeout", "timeout", "'0s'", "timeout", "0s", "tasks", "mrs/c1"),
                bad("unreadable timeout", "timeout", "'soon'", "timeout", "soon", "tasks", "mrs/c1"),
                bad("bad initial delay", "initialDelay", "'-1s'", "initialDelay", "-1s", "tasks", "mrs/c1"),
                bad("growth below 1", "growth", "'0.5'", "growth", "0.5", "tasks", "mrs/c1"),
                bad("growth not a number", "growth", "'fast'", "growth", "fast", "tasks", "mrs/c1"),
                bad("max below first", "maxInterval", "'1s'", "maxInterval", "1s", "tasks", "mrs/c1"),
                bad("error budget text", "errorBudget", "'many'", "errorBudget", "many", "tasks", "mrs/c1"),
                bad("negative budget", "errorBudget", "'-1'", "errorBudget", "-1", "tasks", "mrs/c1"),
                bad("bad grace", "notFoundGrace", "'later'", "notFoundGrace", "later", "tasks", "mrs/c1"),
                bad("strict yes", "strict", "'yes'", "strict", "yes", "tasks", "mrs/c1"),
                bad("unknown onRemoteFailure", "onRemoteFailure", "'IGNORE'", "onRemoteFailure", "IGNORE", "tasks", "mrs/c1"),
                bad("unknown mode", "mode", "'some'", "mode", "some", "tasks", "mrs/c1"),
                bad("bad submittedAt", "submittedAt", "'yesterday'", "submittedAt", "yesterday", "tasks", "mrs/c1"),
                bad("malformed tasks", "tasks", "'cce/p1'", "tasks", "cce/p1"),
                bad("taskId and taskFromStep", "taskFromStep", "cannot be combined", "service", "cce", "taskId", "j1",
                        "projectId", "p1", "taskFromStep", "submit"),
                bad("service with tasks", "service", "only used with taskId", "service", "cce", "tasks", "mrs/c1"),
                bad("taskFromStep not published", "taskFromStep", "'nosuch'", "taskFromStep", "nosuch"));
    }

    private static Arguments bad(String name, String property, String messagePart, String... params) {
        Map<String, String> p = new HashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            p.put(params[i], params[i + 1]);
        }
        return Arguments.of(name, property, messagePart, p);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badProperty_anyCase_stepFailsAtOnceNamingPropertyAndValue(String name, String property, String messagePart,
            Map<String, String> params) {
        try (LogCapture log = new LogCapture()) {
            long id = start("await-bad-property", params);
            awaitEnd(id);

            StepExecution step = step(id, "awaitNode");
            assertEquals(BatchStatus.FAILED, step.getBatchStatus());
            assertEquals("INVALID_PROPERTY:" + property, step.getExitStatus());
            assertEquals(0, batch.activeWaits(), "no wait is running");
            assertEquals(List.of(), batch.simulator().journal().entries(), "no request was made");
            List<String> severe = log.messages(Level.SEVERE);
            assertEquals(1, severe.size(), severe.toString());
            assertTrue(severe.get(0).contains("property '" + property + "'") && severe.get(0).contains(messagePart),
                    severe.get(0));
        }
    }
}
