package dev.cloudtask.it.cluster;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The batch management REST API of one member ({@code https://localhost:<port>/ibm/api/batch}), as an
 * operator uses it: HTTPS trusting the members' certificate (the test's keystore), basic
 * authentication as the batch administrator.
 */
final class BatchRest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI base;
    private final String authorization;

    BatchRest(int httpsPort, Path truststore, char[] truststorePassword, String user, String password)
            throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(truststore)) {
            trusted.load(in, truststorePassword);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(TIMEOUT).build();
        this.base = URI.create("https://localhost:" + httpsPort + "/ibm/api/batch/");
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Submits a job; the answer is the new job instance. */
    JsonObject submit(String application, String jobXmlName, Map<String, String> parameters)
            throws IOException, InterruptedException {
        var params = Json.createObjectBuilder();
        parameters.forEach(params::add);
        JsonObject body = Json.createObjectBuilder()
                .add("applicationName", application)
                .add("moduleName", application + ".war")
                .add("jobXMLName", jobXmlName)
                .add("jobParameters", params)
                .build();
        return (JsonObject) send("POST", "jobinstances", body.toString(), 201);
    }

    JsonObject instance(long instanceId) throws IOException, InterruptedException {
        return (JsonObject) send("GET", "jobinstances/" + instanceId, null, 200);
    }

    /** The instance's executions, newest first. */
    JsonArray executions(long instanceId) throws IOException, InterruptedException {
        return (JsonArray) send("GET", "jobinstances/" + instanceId + "/jobexecutions", null, 200);
    }

    JsonObject execution(long executionId) throws IOException, InterruptedException {
        return (JsonObject) send("GET", "jobexecutions/" + executionId, null, 200);
    }

    /** The step's executions (a partitioned step lists its partitions). */
    JsonStructure step(long executionId, String step) throws IOException, InterruptedException {
        return send("GET", "jobexecutions/" + executionId + "/stepexecutions/" + step, null, 200);
    }

    void stop(long executionId) throws IOException, InterruptedException {
        send("PUT", "jobexecutions/" + executionId + "?action=stop", "{}", 200);
    }

    JsonObject restart(long instanceId) throws IOException, InterruptedException {
        return (JsonObject) send("PUT", "jobinstances/" + instanceId + "?action=restart", "{}", 200);
    }

    /** Waits until the instance's newest execution has id {@code > after} and one of the given statuses. */
    JsonObject awaitExecution(long instanceId, long after, Duration timeout, String... statuses)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonObject last = null;
        while (Instant.now().isBefore(deadline)) {
            JsonArray all = executions(instanceId);
            for (JsonObject e : all.getValuesAs(JsonObject.class)) {
                if (e.getJsonNumber("executionId").longValue() > after) {
                    last = e;
                    for (String s : statuses) {
                        if (s.equals(e.getString("batchStatus", ""))) {
                            return e;
                        }
                    }
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("job instance " + instanceId + " has no execution after " + after + " in "
                + String.join("/", statuses) + " within " + timeout + "; last seen: " + last);
    }

    private JsonStructure send(String method, String path, String body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException(method + " " + base.resolve(path) + " answered " + response.statusCode()
                    + " instead of " + expected + ": " + response.body());
        }
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return reader.read();
        }
    }
}
