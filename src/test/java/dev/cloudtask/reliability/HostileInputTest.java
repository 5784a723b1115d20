package dev.cloudtask.reliability;

import dev.cloudtask.client.CloudCalls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.CloudServiceException;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskState;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.cce.CceJob;
import dev.cloudtask.cce.CceStatusMapping;
import dev.cloudtask.client.CloudClients;
import dev.cloudtask.dcs.DcsStatusMapping;
import dev.cloudtask.dcs.DcsTaskProgress;
import dev.cloudtask.dws.DwsJob;
import dev.cloudtask.dws.DwsStatusMapping;
import dev.cloudtask.internal.LenientJson;
import dev.cloudtask.mrs.MrsCommandProgress;
import dev.cloudtask.mrs.MrsStatusMapping;
import dev.cloudtask.client.LenientJsonReader;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile input at every entry: ids (task references, clients), response bodies (huge, deeply nested,
 * wrong types in every field) and values (percentages, timestamps). Each gets a clear error or a
 * tolerated value, never a request with a bad id, a hang, an out-of-memory error, a stack overflow or
 * a SUCCEEDED the service did not report. Batch properties: {@code HostileStepPropertiesTest}.
 */
class HostileInputTest {
    static final String LONG_ID = "x".repeat(10_000);
    static final List<String> HOSTILE_IDS = List.of("../etc", "..", "a/../b", "a%2Fb", "%2e%2e", "a b", " lead",
            "a\nb", "a\r\nInjected: header", "a\u0000b", LONG_ID);

    static HugeBodyServer server;
    static CloudClients clients;

    @BeforeAll
    static void start() throws Exception {
        server = new HugeBodyServer();
        CloudClients.Builder b = CloudClients.builder().readTimeout(Duration.ofSeconds(20));
        for (CloudService s : CloudService.values()) {
            b.endpoint(s, server.baseUri());
        }
        clients = b.build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // ---- ids ------------------------------------------------------------------------------------

    static Stream<Arguments> hostileRefs() {
        List<Arguments> out = new ArrayList<>();
        for (String v : HOSTILE_IDS) {
            out.add(Arguments.of("cce taskId", "taskId", v, (Supplier<TaskRef>) () -> TaskRef.cce("p", v)));
            out.add(Arguments.of("cce projectId", "projectId", v, (Supplier<TaskRef>) () -> TaskRef.cce(v, "j")));
            out.add(Arguments.of("dcs instanceId", "instanceId", v, (Supplier<TaskRef>) () -> TaskRef.dcs("p", v, "t")));
            out.add(Arguments.of("dws taskId", "taskId", v, (Supplier<TaskRef>) () -> TaskRef.dws("p", v)));
            out.add(Arguments.of("mrs taskId", "taskId", v, (Supplier<TaskRef>) () -> TaskRef.mrs(v)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} [{2}]")
    @MethodSource("hostileRefs")
    void taskRef_hostileId_illegalArgumentNamingParameterAndValue(String label, String parameter, String value,
            Supplier<TaskRef> make) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::get);
        assertTrue(e.getMessage().startsWith(parameter + " '"), e.getMessage());
        assertTrue(e.getMessage().contains(value.substring(0, Math.min(2, value.length())).replace("\n", "\\u000a")
                .replace("\r", "\\u000d").replace("\u0000", "\\u0000")), e.getMessage());
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), "no raw line break: " + e.getMessage());
        assertTrue(e.getMessage().length() < 200, "message stays short: " + e.getMessage().length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dws/p/../x", "dws/p/a%2Fb", "mrs/a b", "mrs/..", "cce/p/j\nx", "dcs/p/i/t/extra",
            "mrs/", "ftp/p/j", "x\ny/p/j", "a\r\nForged: line/b"})
    void taskRefParse_hostileText_illegalArgumentNamingIt(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TaskRef.parse(text));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains("'"), "quotes the input: " + e.getMessage());
    }

    @Test
    void taskRefParse_tenThousandCharacterId_rejectedWithLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TaskRef.parse("mrs/" + LONG_ID));
        assertTrue(e.getMessage().contains("10000 characters long"), e.getMessage());
    }

    static Stream<Arguments> hostileClientCalls() {
        List<Arguments> out = new ArrayList<>();
        for (String v : HOSTILE_IDS) {
            out.add(Arguments.of("cce.job", "job_id", v, (Runnable) () -> CloudCalls.job(clients.cce(), "p", v)));
            out.add(Arguments.of("dcs.progressAsync", "task_id", v, (Runnable) () -> CloudCalls.progressAsync(clients.dcs(), "p", "i", v)));
            out.add(Arguments.of("dws.jobAsync", "project_id", v, (Runnable) () -> CloudCalls.jobAsync(clients.dws(), v, "j")));
            out.add(Arguments.of("mrs.progress", "command_id", v, (Runnable) () -> CloudCalls.progress(clients.mrs(), v)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} [{2}]")
    @MethodSource("hostileClientCalls")
    void client_hostileId_rejectedBeforeAnyRequest(String label, String parameter, String value, Runnable call) {
        long before = server.requests();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().startsWith(parameter + " '"), e.getMessage());
        assertEquals(before, server.requests(), "no request was made");
    }

    // ---- huge bodies ------------------------------------------------------------------------------

    @ParameterizedTest(name = "Content-Length announced: {0}")
    @ValueSource(booleans = {true, false})
    void client_fiftyMegabyteBody_clearErrorUnderTheCapWithoutHangOrOom(boolean announced) {
        server.body(50L * 1024 * 1024, announced);
        CloudServiceException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(CloudServiceException.class, () -> CloudCalls.job(clients.dws(), "p", "j")));
        assertEquals(0, e.httpStatus());
        assertTrue(e.getMessage().contains("larger than 8388608 bytes"), e.getMessage());
        assertTrue(e.isTransient());
    }

    @Test
    void client_fiftyMegabyteBodyAsync_stageFailsWithTheSizeError() {
        server.body(50L * 1024 * 1024, false);
        CompletionException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(
                CompletionException.class, () -> CloudCalls.progressAsync(clients.mrs(), "c1").toCompletableFuture().join()));
        CloudServiceException cause = (CloudServiceException) e.getCause();
        assertTrue(cause.getMessage().contains("larger than"), cause.getMessage());
    }

    @Test
    void client_configuredSmallCap_bodyJustOverItRejectedAndUnderItRead() throws Exception {
        CloudClients small = CloudClients.builder().endpoint(CloudService.DWS, server.baseUri()).maxResponseBytes(4096)
                .build();
        server.body(4097, false);
        CloudServiceException e = assertThrows(CloudServiceException.class, () -> CloudCalls.job(small.dws(), "p", "j"));
        assertTrue(e.getMessage().contains("larger than 4096 bytes"), e.getMessage());
        server.body(4096, true);
        assertEquals("RUNNING", CloudCalls.job(small.dws(), "p", "j").status());
    }

    @Test
    void sizeCap_default_isEightMebibytesAndNonPositiveRejected() {
        assertEquals(8L * 1024 * 1024, LenientJson.DEFAULT_MAX_BYTES);
        assertEquals(LenientJson.DEFAULT_MAX_BYTES, new LenientJsonReader().maxBytes());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LenientJsonReader(0));
        assertTrue(e.getMessage().contains(LenientJsonReader.MAX_BYTES_KEY), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CloudClients.builder().maxResponseBytes(-1));
    }

    // ---- deep nesting -----------------------------------------------------------------------------

    static String nested(int depth, String inside) {
        return "[".repeat(depth) + inside + "]".repeat(depth);
    }

    static Stream<Arguments> deeplyNestedBodies() {
        String arrays = nested(100_000, "1");
        String objects = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
        return Stream.of(
                Arguments.of("top-level arrays", arrays),
                Arguments.of("unknown field", "{\"status\":\"RUNNING\",\"x\":" + arrays + "}"),
                Arguments.of("known list field", "{\"step_details\":" + arrays + "}"),
                Arguments.of("known object field", "{\"res_obj\":" + objects + "}"),
                Arguments.of("unclosed", "[".repeat(100_000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deeplyNestedBodies")
    void lenientJson_hundredThousandLevels_clearErrorOrToleratedNoStackOverflow(String label, String body) {
        for (Class<?> type : List.of(DwsJob.class, DcsTaskProgress.class, MrsCommandProgress.class, CceJob.class)) {
            try {
                Object value = LenientJson.read(body, type);
                // tolerated: the nesting sat in a field that is ignored or became empty
                assertNotEquals(TaskState.SUCCEEDED, statusOf(value).state(), type.getSimpleName());
            } catch (JsonbException expected) {
                assertTrue(expected.getMessage() != null, "has a message");
            }
        }
    }

    @Test
    void client_deeplyNestedBody_cloudServiceExceptionNotStackOverflow() {
        // served by the huge-body stub? no: served as one JSON body through the real reader
        LenientJsonReader reader = new LenientJsonReader();
        String body = "{\"status\":" + nested(100_000, "\"SUCCESS\"") + "}";
        Object result;
        try {
            result = reader.readFrom((Class) DwsJob.class, DwsJob.class, new java.lang.annotation.Annotation[0],
                    jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE, new jakarta.ws.rs.core.MultivaluedHashMap<>(),
                    new java.io.ByteArrayInputStream(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (CloudServiceException e) {
            assertEquals(0, e.httpStatus());
            return;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertNotEquals(TaskState.SUCCEEDED, DwsStatusMapping.toStatus((DwsJob) result).state());
    }

    // ---- wrong types in every field ---------------------------------------------------------------

    static final String CCE_RUNNING = fixture("cce-job.json", s -> s);
    static final String DCS_RUNNING = fixture("dcs-task-progress.json", s -> s);
    static final String DWS_RUNNING = fixture("dws-job.json", s -> s.replace("\"FAIL\"", "\"RUNNING\""));
    static final String DWS_FAILED = fixture("dws-job.json", s -> s);
    static final String MRS_RUNNING = fixture("mrs-command-progress.json", s -> s.replace("COMPLETE", "IN_PROGRESS")
            .replace("\"error_code\": 0", "\"error_code\": 0"));

    static String fixture(String name, Function<String, String> edit) {
        return edit.apply(dev.cloudtask.Fixtures.text(name));
    }

    static final List<JsonValue> WRONG = List.of(
            Json.createObjectBuilder().add("x", 1).build(),
            Json.createArrayBuilder().add(1).add("y").build(),
            Json.createValue("abc"),
            JsonValue.TRUE,
            Json.createValue(99999),
            Json.createValue(-1.5e300),
            JsonValue.NULL);

    static Stream<Arguments> mutatedBodies() {
        List<Arguments> out = new ArrayList<>();
        addMutations(out, "CCE running", CCE_RUNNING, CceJob.class, TaskState.RUNNING);
        addMutations(out, "DCS running", DCS_RUNNING, DcsTaskProgress.class, TaskState.RUNNING);
        addMutations(out, "DWS running", DWS_RUNNING, DwsJob.class, TaskState.RUNNING);
        addMutations(out, "DWS failed", DWS_FAILED, DwsJob.class, TaskState.FAILED);
        addMutations(out, "MRS running", MRS_RUNNING, MrsCommandProgress.class, TaskState.RUNNING);
        return out.stream();
    }

    private static void addMutations(List<Arguments> out, String label, String json, Class<?> type, TaskState base) {
        JsonValue root = Json.createReader(new StringReader(LenientJson.stripTrailingCommas(json))).readValue();
        assertEquals(base, statusOf(LenientJson.read(json, type)).state(), "fixture " + label);
        List<String> paths = new ArrayList<>();
        collectPaths(root, "", paths);
        for (String path : paths) {
            for (JsonValue wrong : WRONG) {
                out.add(Arguments.of(label, path, wrong.toString(), replace(root, path, wrong).toString(), type));
            }
        }
    }

    private static void collectPaths(JsonValue v, String at, List<String> paths) {
        if (v instanceof JsonObject o) {
            for (String k : o.keySet()) {
                String p = at + "/" + k;
                paths.add(p);
                collectPaths(o.get(k), p, paths);
            }
        } else if (v instanceof JsonArray a) {
            for (int i = 0; i < a.size(); i++) {
                String p = at + "/" + i;
                paths.add(p);
                collectPaths(a.get(i), p, paths);
            }
        }
    }

    private static JsonValue replace(JsonValue root, String path, JsonValue with) {
        return Json.createPointer(path).replace((jakarta.json.JsonStructure) root, with);
    }

    /**
     * Replacing any one field of a running (or failed) response by a value of the wrong type never
     * turns it into SUCCEEDED: the field is tolerated (absent) or the response is a clear
     * {@link JsonbException}, which the reader turns into a transient {@link CloudServiceException}.
     */
    @ParameterizedTest(name = "{0} {1} = {2}")
    @MethodSource("mutatedBodies")
    void lenientJson_wrongTypeInAnyField_toleratedOrClearErrorNeverSucceeded(String label, String path,
            String wrong, String body, Class<?> type) {
        Object value;
        try {
            value = LenientJson.read(body, type);
        } catch (JsonbException e) {
            return;
        }
        if (value == null) {
            return; // "null" as the whole body: the reader reports an empty body
        }
        TaskStatus status = statusOf(value);
        assertNotEquals(TaskState.SUCCEEDED, status.state(), label + " " + path + " = " + wrong);
    }

    static TaskStatus statusOf(Object value) {
        if (value instanceof CceJob j) {
            return CceStatusMapping.toStatus(j);
        }
        if (value instanceof DcsTaskProgress d) {
            return DcsStatusMapping.toStatus(d);
        }
        if (value instanceof DwsJob d) {
            return DwsStatusMapping.toStatus(d);
        }
        return MrsStatusMapping.toStatus((MrsCommandProgress) value);
    }

    // ---- values -------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"\"abc%\"", "250", "\"250%\"", "-1", "\"9%%\"", "\"NaN\"", "1e400", "\"\""})
    void percent_hostileValue_absentInEveryService(String raw) {
        DwsJob dws = LenientJson.read("{\"status\":\"RUNNING\",\"progress\":" + raw + "}", DwsJob.class);
        DcsTaskProgress dcs = LenientJson.read("{\"progress\":" + raw + ",\"step_details\":[{\"step_status\":\"EXECUTING\"}]}",
                DcsTaskProgress.class);
        MrsCommandProgress mrs = LenientJson.read("{\"state\":\"IN_PROGRESS\",\"total_progress\":" + raw + "}",
                MrsCommandProgress.class);
        assertTrue(dws.percent().isEmpty(), "dws");
        assertTrue(dcs.percent().isEmpty(), "dcs");
        assertTrue(mrs.percent().isEmpty(), "mrs");
        assertEquals(null, DwsStatusMapping.toStatus(dws).percent());
        assertEquals(null, DcsStatusMapping.toStatus(dcs).percent());
        assertEquals(null, MrsStatusMapping.toStatus(mrs).percent());
        assertEquals(TaskState.RUNNING, DcsStatusMapping.toStatus(dcs).state());
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2022-13-45T99:99:99", "2022-02-30 10:00:00", "", "9999999999999999999",
            "2022-11-09T20:25:00+99:00", "\u0000"})
    void timestamps_unparseable_absentNotAnError(String raw) {
        String q = Json.createValue(raw).toString();
        DwsJob dws = LenientJson.read("{\"status\":\"RUNNING\",\"begin_time\":" + q + ",\"end_time\":" + q + "}",
                DwsJob.class);
        assertTrue(dws.beganAt().isEmpty() && dws.endedAt().isEmpty(), "dws");
        DcsTaskProgress dcs = LenientJson.read("{\"step_details\":[{\"step_status\":\"EXECUTING\",\"begin_time\":" + q
                + ",\"end_time\":" + q + "}]}", DcsTaskProgress.class);
        assertTrue(dcs.stepDetails().get(0).beganAt().isEmpty() && dcs.stepDetails().get(0).endedAt().isEmpty(), "dcs");
        CceJob cce = LenientJson.read("{\"metadata\":{\"creationTimestamp\":" + q + ",\"updateTimestamp\":" + q
                + "},\"status\":{\"phase\":\"Running\"}}", CceJob.class);
        assertTrue(cce.metadata().createdAt().isEmpty() && cce.metadata().updatedAt().isEmpty(), "cce");
        assertEquals(TaskState.RUNNING, CceStatusMapping.toStatus(cce).state());
    }
}
