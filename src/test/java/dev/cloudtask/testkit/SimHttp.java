package dev.cloudtask.testkit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny java.net.http helper for the simulator's own tests. */
final class SimHttp {
    private final CloudSimulator sim;
    private final HttpClient client;

    SimHttp(CloudSimulator sim) {
        this(sim, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    SimHttp(CloudSimulator sim, HttpClient client) {
        this.sim = sim;
        this.client = client;
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    HttpResponse<String> post(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b, headers);
    }

    HttpResponse<String> send(HttpRequest.Builder b, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return client.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return URI.create(sim.baseUrl() + path);
    }

    static JsonObject json(HttpResponse<String> r) {
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    static String pollPath(dev.cloudtask.TaskRef ref) {
        return switch (ref.service()) {
            case CCE -> "/api/v3/projects/" + ref.projectId() + "/jobs/" + ref.taskId();
            case DCS -> "/v2/" + ref.projectId() + "/instances/" + ref.instanceId() + "/tasks/" + ref.taskId() + "/progress";
            case DWS -> "/v1.0/" + ref.projectId() + "/job/" + ref.taskId();
            case MRS -> "/web/v1/common/command/" + ref.taskId() + "/progress";
        };
    }
}
