package dev.cloudtask.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The simulator's admin endpoints ({@code /_sim/...}) over HTTP, for test code that runs inside a
 * server: the simulator lives in the test JVM, at the URL the server's MicroProfile Config gives
 * the library ({@code cloudtask-dws/mp-rest/url}).
 */
public final class SimulatorAdmin {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI base;

    private SimulatorAdmin(URI base) {
        this.base = base;
    }

    /** The simulator that the server's config points the DWS client at. */
    public static SimulatorAdmin fromConfig() {
        String url = ConfigProvider.getConfig().getValue("cloudtask-dws/mp-rest/url", String.class);
        return new SimulatorAdmin(URI.create(url.endsWith("/") ? url : url + "/"));
    }

    /** Forgets all tasks, faults and the journal ({@code POST /_sim/reset}). */
    public void reset() throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(base.resolve("_sim/reset")).POST(HttpRequest.BodyPublishers.noBody()), 204);
    }

    /** {@code GET /_sim/counters}: {@code total_submissions}, {@code total_polls}, {@code tasks.<id>.polls}. */
    public JsonObject counters() throws IOException, InterruptedException {
        String body = send(HttpRequest.newBuilder(base.resolve("_sim/counters")).GET(), 200);
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    /** Progress requests the simulator served for one task id, 0 when it has none. */
    public int polls(String taskId) throws IOException, InterruptedException {
        JsonObject task = counters().getJsonObject("tasks").getJsonObject(taskId);
        return task == null ? 0 : task.getInt("polls");
    }

    private String send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException("simulator " + request.build().uri() + " answered " + response.statusCode()
                    + " instead of " + expected + ": " + response.body());
        }
        return response.body();
    }
}
