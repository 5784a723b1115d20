package dev.cloudtask.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The simulator's admin endpoints ({@code /_sim/...}) over HTTP or HTTPS, for test code that runs
 * inside a server: the simulator lives in the test JVM, at the URL the server's MicroProfile Config
 * gives the library ({@code cloudtask-dws/mp-rest/url}), or at the HTTPS port of {@link #https()}.
 */
public final class SimulatorAdmin {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final URI base;

    private SimulatorAdmin(URI base, KeyStore trustStore) throws GeneralSecurityException {
        this.base = base;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(TIMEOUT);
        if (trustStore != null) {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            b.sslContext(ctx);
        }
        this.http = b.build();
    }

    /** The simulator that the server's config points the DWS client at. */
    public static SimulatorAdmin fromConfig() {
        return fromConfig("cloudtask-dws");
    }

    /** The (plain HTTP) simulator that the server's config points the client {@code configKey} at. */
    public static SimulatorAdmin fromConfig(String configKey) {
        String url = ConfigProvider.getConfig().getValue(configKey + "/mp-rest/url", String.class);
        try {
            return new SimulatorAdmin(URI.create(url.endsWith("/") ? url : url + "/"), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The simulator that serves HTTPS, from the system properties
     * {@value SimulatorExtension#HTTPS_PORT_PROPERTY} and {@value SimulatorExtension#TRUST_STORE_PROPERTY}.
     */
    public static SimulatorAdmin https() throws IOException, GeneralSecurityException {
        String port = System.getProperty(SimulatorExtension.HTTPS_PORT_PROPERTY);
        String path = System.getProperty(SimulatorExtension.TRUST_STORE_PROPERTY);
        if (port == null || path == null) {
            throw new IllegalStateException("system properties '" + SimulatorExtension.HTTPS_PORT_PROPERTY + "' and '"
                    + SimulatorExtension.TRUST_STORE_PROPERTY + "' must be set in the server: " + port + ", " + path);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            store.load(in, SimulatorExtension.TRUST_STORE_PASSWORD.toCharArray());
        }
        return new SimulatorAdmin(URI.create("https://127.0.0.1:" + port.trim() + "/"), store);
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

    /** {@code GET /_sim/journal}: every request answered since the reset, oldest first. */
    public JsonArray journal() throws IOException, InterruptedException {
        String body = send(HttpRequest.newBuilder(base.resolve("_sim/journal")).GET(), 200);
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readArray();
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
