package dev.cloudtask.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Many concurrent requests on many connections, including keep-alive reuse; every one answered and counted. */
@WithCloudSimulator
class ConcurrencyTest {
    CloudSimulator sim;

    @Test
    void manyConcurrentPolls_asyncClient_allAnsweredAndCounted() {
        List<TaskRef> refs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            refs.add(sim.createTask(CloudService.values()[i % 4], Timeline.builder().build()));
        }
        HttpClient client = HttpClient.newBuilder().build();
        SimHttp http = new SimHttp(sim, client);
        List<CompletableFuture<HttpResponse<Void>>> calls = new ArrayList<>();
        for (int round = 0; round < 8; round++) {
            for (TaskRef ref : refs) {
                calls.add(client.sendAsync(HttpRequest.newBuilder(http.uri(SimHttp.pollPath(ref)))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()));
            }
        }
        long ok = calls.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 200).count();
        assertEquals(400, ok);
        assertEquals(400, sim.journal().totalPolls());
        for (TaskRef ref : refs) {
            assertEquals(8, sim.counters(ref).polls());
        }
    }
}
