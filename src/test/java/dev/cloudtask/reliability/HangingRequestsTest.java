package dev.cloudtask.reliability;

import dev.cloudtask.client.CloudCalls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import dev.cloudtask.client.CloudClients;
import dev.cloudtask.testkit.CloudSimulator;
import dev.cloudtask.testkit.Endpoint;
import dev.cloudtask.testkit.InjectedFault;
import dev.cloudtask.testkit.Timeline;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Abandoned hanging requests must not stop the other polls of a service. Found by the stop-latency
 * benchmark: RESTEasy's default executor carried only 5 asynchronous calls per client, so after five
 * stopped waits whose requests hung, no request of that service was sent until the read timeout.
 * Real time (a real server holding connections is the point); no sleeps in assertions.
 */
class HangingRequestsTest {

    @Test
    void cloudClients_twentyHangingRequestsAbandoned_nextRequestStillAnswered() throws Exception {
        try (CloudSimulator sim = CloudSimulator.builder().start()) {
            CloudClients clients = CloudClients.builder().endpoint(CloudService.DWS, sim.baseUri())
                    .readTimeout(Duration.ofMinutes(1)).build();
            TaskRef hanging = sim.createTask(CloudService.DWS, Timeline.builder().build());
            TaskRef healthy = sim.createTask(CloudService.DWS, Timeline.builder().build());
            sim.faults().forTask(hanging.taskId()).endpoint(Endpoint.POLL).always(InjectedFault.hang());
            for (int i = 0; i < 20; i++) {
                CloudCalls.jobAsync(clients.dws(), hanging.projectId(), hanging.taskId()).toCompletableFuture().cancel(true);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (sim.counters(hanging).polls() < 20 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(20, sim.counters(hanging).polls(), "all 20 hanging requests were sent");
            String status = CloudCalls.jobAsync(clients.dws(), healthy.projectId(), healthy.taskId()).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS).status();
            assertTrue(status != null && !status.isBlank(), "answered while 20 requests hang");
        }
    }
}
