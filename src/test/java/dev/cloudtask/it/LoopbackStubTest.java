package dev.cloudtask.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The real-server tests' HTTP stub, checked on its own in the test JVM (plain JUnit, no server). */
class LoopbackStubTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(LoopbackStub stub, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stub.port() + path))
                .timeout(Duration.ofSeconds(5)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void jobPath_anyJobId_answersSuccessWithThatId() throws Exception {
        try (LoopbackStub stub = LoopbackStub.start(0)) {
            HttpResponse<String> response = get(stub, "/api/v3/projects/p1/jobs/job-42");

            assertEquals(200, response.statusCode());
            assertTrue(response.body().contains("\"uid\":\"job-42\""), response.body());
            assertTrue(response.body().contains("\"phase\":\"Success\""), response.body());
            assertEquals(1, stub.served());
        }
    }

    @Test
    void jobPath_jobIdStartingWithFail_answersFailedPhase() throws Exception {
        try (LoopbackStub stub = LoopbackStub.start(0)) {
            HttpResponse<String> response = get(stub, "/api/v3/projects/p1/jobs/fail-1");

            assertTrue(response.body().contains("\"phase\":\"Failed\""), response.body());
        }
    }

    @Test
    void otherPath_any_answers404WithErrorBody() throws Exception {
        try (LoopbackStub stub = LoopbackStub.start(0)) {
            HttpResponse<String> response = get(stub, "/v2/p1/instances/i1/tasks/t1/progress");

            assertEquals(404, response.statusCode());
            assertTrue(response.body().contains("error_code"), response.body());
        }
    }

    @Test
    void start_portOutOfRange_rejectsNamingThePort() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoopbackStub.start(70000));

        assertTrue(e.getMessage().contains("70000"), e.getMessage());
    }
}
