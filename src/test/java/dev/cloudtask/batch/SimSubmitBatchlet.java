package dev.cloudtask.batch;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import dev.cloudtask.testkit.CloudSimulator;
import dev.cloudtask.testkit.batch.SimBatch;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A user's submit step, as the job-XML page describes it: starts {@code count} operations through the
 * simulator's operation endpoints with {@code java.net.http} (DWS "add CNs" by default, or CCE
 * "create node" with {@code service=cce}) and publishes their references with
 * {@link TaskRefs#publish}. If its step already published (a restart of a step that did not
 * complete), it does not submit again.
 *
 * <p>Properties (all optional): {@code count} (1), {@code service} ({@code dws} or {@code cce}),
 * {@code duration} (the remote task's running time, e.g. {@code 2h}), {@code failCode} (the task
 * fails with this code) and {@code failIndex} (only the task with this 0-based index fails).
 */
@Named("simSubmit")
@Dependent
public class SimSubmitBatchlet extends AbstractBatchlet {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Inject @BatchProperty String count;
    @Inject @BatchProperty String service;
    @Inject @BatchProperty String duration;
    @Inject @BatchProperty String failCode;
    @Inject @BatchProperty String failIndex;
    @Inject StepContext stepContext;

    @Override
    public String process() throws IOException, InterruptedException {
        if (TaskRefs.published(stepContext).isPresent()) {
            return "ALREADY_SUBMITTED";
        }
        int n = blank(count) ? 1 : Integer.parseInt(count.trim());
        CloudService s = blank(service) ? CloudService.DWS : CloudService.valueOf(service.trim().toUpperCase(Locale.ROOT));
        int failing = blank(failIndex) ? -1 : Integer.parseInt(failIndex.trim());
        List<TaskRef> refs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean fails = !blank(failCode) && (failing < 0 || failing == i);
            refs.add(submit(s, fails));
        }
        TaskRefs.publish(stepContext, refs, SimBatch.current().clock().instant());
        return "SUBMITTED";
    }

    private TaskRef submit(CloudService s, boolean fails) throws IOException, InterruptedException {
        String project = CloudSimulator.DEFAULT_PROJECT_ID;
        String path = switch (s) {
            case DWS -> "/v1.0/" + project + "/clusters/cluster-1/cns/batch-create";
            case CCE -> "/api/v3/projects/" + project + "/clusters/cluster-1/nodes";
            default -> throw new IllegalArgumentException("simSubmit: property 'service' has value '" + service
                    + "': expected dws or cce");
        };
        StringBuilder query = new StringBuilder();
        if (!blank(duration)) {
            query.append("sim-duration=").append(enc(duration.trim()));
        }
        if (fails) {
            query.append(query.length() == 0 ? "" : "&").append("sim-fail-code=").append(enc(failCode.trim()));
        }
        URI uri = URI.create(SimBatch.current().baseUri() + path + (query.length() == 0 ? "" : "?" + query));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("submit to " + uri.getPath() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        JsonObject body = Json.createReader(new StringReader(response.body())).readObject();
        return s == CloudService.DWS ? TaskRef.dws(project, body.getString("job_id"))
                : TaskRef.cce(project, body.getJsonObject("status").getString("jobID"));
    }

    private static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    private static boolean blank(String v) {
        return v == null || v.isBlank();
    }
}
