package dev.cloudtask.batch;

import static dev.cloudtask.testkit.batch.BatchJobs.awaitEnd;
import static dev.cloudtask.testkit.batch.BatchJobs.start;
import static dev.cloudtask.testkit.batch.BatchJobs.step;
import static dev.cloudtask.testkit.batch.BatchJobs.stepNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.testkit.batch.SimBatch;
import dev.cloudtask.testkit.batch.WithJBatch;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.StepExecution;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad-property case on the jbatch runtime: job XML {@code await-bad-property} (and
 * {@code submit-cloud-task} for the submit step) takes each property from a job parameter; each case
 * must fail the step at once (no wait is started, no operation is sent), with
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

    /** Bad submitCloudTask properties: each case changes the job parameters of a good operation. */
    static Stream<Arguments> submitCases() {
        return Stream.of(
                submit("unknown service", CloudService.DWS, "service", "'ftp'", "service", "ftp"),
                submit("missing service", CloudService.DWS, "service", "is not set", "service", ""),
                submit("GET", CloudService.DWS, "method", "'GET'", "method", "GET"),
                submit("relative path", CloudService.DWS, "path", "'v1.0/x'", "path", "v1.0/x"),
                submit("placeholder without value", CloudService.DWS, "path", "{poolId} has no value",
                        "path", "/v1.0/{projectId}/pools/{poolId}"),
                submit("project id with slash", CloudService.DWS, "projectId", "'p/1'", "projectId", "p/1"),
                submit("missing project", CloudService.DWS, "projectId", "dws needs it", "projectId", ""),
                submit("instance id with space", CloudService.DCS, "instanceId", "'i 1'", "instanceId", "i 1"),
                submit("cluster id with ..", CloudService.DWS, "clusterId", "'c-1/../admin'", "clusterId", "c-1/../admin"),
                submit("node id with %", CloudService.CCE, "nodeId", "'n%2F'", "nodeId", "n%2F"),
                submit("service name with ?", CloudService.MRS, "serviceName", "'Spark?x'", "serviceName", "Spark?x"),
                submit("pathParams without =", CloudService.DWS, "pathParams", "'poolId'", "pathParams", "poolId"),
                submit("body not JSON", CloudService.DWS, "body", "not JSON", "body", "{oops"),
                submit("missing resource", CloudService.DWS, "bodyResource", "'no/such.json'", "body", "",
                        "bodyResource", "no/such.json"),
                submit("missing body parameter", CloudService.DWS, "bodyParameter", "'absent'", "body", "",
                        "bodyParameter", "absent"),
                submit("two bodies", CloudService.DWS, "bodyResource", "cannot be combined with 'body'",
                        "bodyResource", "submit/no-such.json"),
                submit("pointer without slash", CloudService.DWS, "taskIdPointer", "'job_id'", "taskIdPointer", "job_id"),
                submit("unknown onUncertain", CloudService.DWS, "onUncertain", "'maybe'", "onUncertain", "maybe"),
                submit("LOOKUP for dws", CloudService.DWS, "onUncertain", "LOOKUP needs", "onUncertain", "LOOKUP"),
                submit("negative budget", CloudService.DWS, "errorBudget", "'-1'", "errorBudget", "-1"),
                submit("budget text", CloudService.DWS, "errorBudget", "'many'", "errorBudget", "many"));
    }

    private static Arguments submit(String name, CloudService service, String property, String messagePart,
            String... params) {
        return Arguments.of(name, property, messagePart, SubmitOperations.of(service, params));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badProperty_anyCase_stepFailsAtOnceNamingPropertyAndValue(String name, String property, String messagePart,
            Map<String, String> params) {
        assertFailsAtOnce("await-bad-property", "awaitNode", "awaitCloudTask", property, messagePart, params);
        assertEquals(0, batch.activeWaits(), "no wait is running");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("submitCases")
    void badSubmitProperty_anyCase_stepFailsAtOnceNamingPropertyAndValueAndSendsNothing(String name,
            String property, String messagePart, Map<String, String> params) {
        assertFailsAtOnce(SubmitCloudTaskJobTest.JOB, "submit", "submitCloudTask", property, messagePart, params);
        assertEquals(0, batch.simulator().journal().totalSubmissions(), "no operation started");
    }

    /**
     * The step ends FAILED with {@code INVALID_PROPERTY:<property>}, the job ends there, the simulator
     * saw no request, one SEVERE line of the library names the artifact, the step, the property (as
     * the step's own) and {@code messagePart}, the runtime's report of the failed step carries the same
     * message, and no record shows a stack frame of the library.
     */
    private static void assertFailsAtOnce(String job, String stepName, String artifact, String property,
            String messagePart, Map<String, String> params) {
        try (LogCapture log = new LogCapture("")) {
            long id = start(job, params);
            awaitEnd(id);

            StepExecution step = step(id, stepName);
            assertEquals(BatchStatus.FAILED, step.getBatchStatus());
            assertEquals("INVALID_PROPERTY:" + property, step.getExitStatus());
            assertEquals(List.of(stepName), stepNames(id), "the job ended at the failed step");
            assertEquals(List.of(), batch.simulator().journal().entries(), "no request was made");
            List<LogRecord> severe = log.records().stream().filter(r -> r.getLevel() == Level.SEVERE).toList();
            assertEquals(1, severe.size(), () -> severe.stream().map(LogCapture::text).toList().toString());
            assertEquals(ProgressReporter.LOG.getName(), severe.get(0).getLoggerName());
            String line = LogCapture.text(severe.get(0));
            assertTrue(line.startsWith(artifact + " in step " + stepName + ": property '" + property + "' ")
                    && line.contains(messagePart), line);
            List<LogRecord> runtime = log.records().stream().filter(r -> r.getLevel() == Level.WARNING
                    && r.getLoggerName().startsWith("com.ibm.jbatch") && LogCapture.text(r).contains(line)).toList();
            assertEquals(1, runtime.size(), "the runtime reports the failed step with the same message");
            for (LogRecord r : log.records()) {
                assertNull(LogCapture.libraryFrame(r), () -> "a stack trace of this library: " + LogCapture.text(r));
            }
        }
    }
}
