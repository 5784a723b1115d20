package dev.cloudtask.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.CloudServiceException;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskState;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.TaskStep;
import dev.cloudtask.client.RestTaskStatusSource;
import dev.cloudtask.internal.LenientJson;
import dev.cloudtask.mrs.MrsCommandProgress;
import dev.cloudtask.mrs.MrsStatusMapping;
import dev.cloudtask.testkit.CloudSimulator;
import dev.cloudtask.testkit.VirtualClock;
import dev.cloudtask.testkit.WithCloudSimulator;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Cross-check for the operation endpoints: a task submitted over HTTP (the library has no
 * submit client, so {@code java.net.http}) is then read through the library's clients; the default
 * timelines and the per-request {@code sim-*} overrides come out as documented.
 */
@WithCloudSimulator
class SubmitThenPollTest {
    private static final String CLUSTER = "4d1ecb2c-229a-11e8-9c75-0255ac100ceb";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RestTaskStatusSource source;

    @BeforeAll
    static void clients(CloudSimulator sim) {
        source = Polls.clients(sim).build().taskStatusSource();
    }

    /** POSTs the service's operation; answers the created task's reference and the raw response. */
    static Submitted submit(CloudSimulator sim, CloudService service, String query) {
        String p = CloudSimulator.DEFAULT_PROJECT_ID;
        String path = switch (service) {
            case CCE -> "/api/v3/projects/" + p + "/clusters/" + CLUSTER + "/nodes";
            case DCS -> "/v2/" + p + "/instances/" + CloudSimulator.DEFAULT_INSTANCE_ID + "/resize";
            case DWS -> "/v1.0/" + p + "/clusters/" + CLUSTER + "/cns/batch-create";
            case MRS -> "/web/v1/maintain/cluster/1/service/HDFS/start";
        };
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + path + query))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (service == CloudService.DCS) {
                // DCS answers 204 without a body; the new task heads the instance's background-task list
                HttpResponse<String> list = HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v2/" + p
                        + "/instances/" + CloudSimulator.DEFAULT_INSTANCE_ID + "/tasks")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                String id = Json.createReader(new StringReader(list.body())).readObject().getJsonArray("tasks")
                        .getJsonObject(0).getString("id");
                return new Submitted(r.statusCode(), TaskRef.dcs(p, CloudSimulator.DEFAULT_INSTANCE_ID, id), r.body());
            }
            JsonObject body = Json.createReader(new StringReader(r.body())).readObject();
            TaskRef ref = switch (service) {
                case CCE -> TaskRef.cce(p, body.getJsonObject("status").getString("jobID"));
                case DCS -> throw new AssertionError("handled above");
                case DWS -> TaskRef.dws(p, body.getString("job_id"));
                case MRS -> TaskRef.mrs(body.getJsonNumber("id").toString());
            };
            return new Submitted(r.statusCode(), ref, r.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    record Submitted(int status, TaskRef ref, String body) {
    }

    @ParameterizedTest
    @EnumSource(CloudService.class)
    void submitDefaults_pollThroughLibrary_runsThenSucceeds(CloudService service, CloudSimulator sim, VirtualClock clock) {
        Submitted s = submit(sim, service, "");
        assertEquals(service == CloudService.CCE ? 201 : service == CloudService.DCS ? 204 : 200, s.status(), s.body());
        TaskStatus queued = Polls.status(source, s.ref());
        assertEquals(TaskState.RUNNING, queued.state());
        clock.advance(Duration.ofSeconds(30));
        TaskStatus running = Polls.status(source, s.ref());
        assertEquals(TaskState.RUNNING, running.state(), running.toString());
        if (service != CloudService.CCE) {
            assertTrue(running.percent() > 0 && running.percent() < 100, running.toString());
        }
        List<String> expectedSteps = switch (service) {
            case CCE -> List.of("CreateServer", "InstallNode", "SyncNodeStatus");
            case DCS -> List.of("Pre-check.", "Data migration.");
            case DWS -> List.of();
            case MRS -> List.of("Stop service", "Start service", "Check service health");
        };
        assertEquals(expectedSteps, running.steps().stream().map(TaskStep::name).toList());
        clock.advance(Duration.ofMinutes(15));
        TaskStatus done = Polls.status(source, s.ref());
        assertEquals(TaskState.SUCCEEDED, done.state(), done.toString());
        assertEquals(service == CloudService.CCE ? null : 100, done.percent());
        assertEquals(1, sim.counters(s.ref()).submissions());
        assertEquals(3, sim.counters(s.ref()).polls());
    }

    @ParameterizedTest
    @EnumSource(CloudService.class)
    void submitWithOverrides_failureReadThroughLibrary(CloudService service, CloudSimulator sim, VirtualClock clock) {
        String code = service == CloudService.MRS ? "12100007" : "X.0042";
        Submitted s = submit(sim, service, "?sim-duration=2m&sim-queued=0s&sim-fail-code=" + code
                + "&sim-fail-detail=quota%20exceeded&sim-fail-at=40&sim-not-found-for=10s");
        CloudServiceException notYet = Polls.serviceError(source, s.ref());
        assertEquals(404, notYet.httpStatus());
        clock.advance(Duration.ofMinutes(3));
        TaskStatus failed = Polls.status(source, s.ref());
        assertEquals(TaskState.FAILED, failed.state(), failed.toString());
        assertEquals(service == CloudService.CCE ? null : code, failed.errorCode());
        assertTrue(failed.errorMessage().contains("quota exceeded"), failed.errorMessage());
    }

    @Test
    void mrsSubmitResponse_isTheDocumentedCommandAnswer_readAndMappedByLibrary(CloudSimulator sim) {
        Submitted s = submit(sim, CloudService.MRS, "?sim-queued=5s");
        MrsCommandProgress progress = LenientJson.read(s.body(), MrsCommandProgress.class);
        TaskStatus status = MrsStatusMapping.toStatus(progress);
        assertEquals("IN_PROGRESS", status.remoteState());
        assertEquals(TaskState.RUNNING, status.state());
        assertEquals(s.ref().taskId(), String.valueOf(progress.id()));
    }
}
