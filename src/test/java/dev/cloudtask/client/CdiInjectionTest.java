package dev.cloudtask.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudServiceException;
import dev.cloudtask.Fixtures;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskState;
import dev.cloudtask.cce.CceJobClient;
import dev.cloudtask.dcs.DcsTaskClient;
import dev.cloudtask.dws.DwsJobClient;
import dev.cloudtask.mrs.MrsCommandClient;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jboss.resteasy.microprofile.client.RestClientExtension;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CDI path as a MicroProfile server runs it (here Weld SE + RESTEasy's REST client CDI extension):
 * {@code RestTaskStatusSource} injected, clients configured by {@code cloudtask-<service>/mp-rest/url},
 * a service without a URL failing only its own fetches.
 */
class CdiInjectionTest {
    LoopbackServer server;
    WeldContainer container;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackServer()
                .json(ClientsOverHttpTest.DWS_PATH, Fixtures.text(Fixtures.DWS_JOB))
                .answer(ClientsOverHttpTest.MRS_PATH, 404, "application/json",
                        "{\"error_code\":12100001,\"error_description\":\"no such command\"}", Map.of());
        MutableConfigSource.VALUES.put("cloudtask-dws/mp-rest/url", server.baseUri().toString());
        MutableConfigSource.VALUES.put("cloudtask-mrs/mp-rest/url", server.baseUri().toString());
        container = new Weld("cloudtask-cdi-test").disableDiscovery()
                .addExtension(new RestClientExtension())
                .addBeanClasses(RestTaskStatusSource.class, CceJobClient.class, DcsTaskClient.class,
                        DwsJobClient.class, MrsCommandClient.class)
                .initialize();
    }

    @AfterEach
    void stop() {
        container.shutdown();
        MutableConfigSource.VALUES.clear();
        server.close();
    }

    @Test
    void injectedSource_configuredService_fetchesOverHttp() throws Exception {
        RestTaskStatusSource source = container.select(RestTaskStatusSource.class).get();
        assertEquals(TaskState.FAILED,
                source.fetch(TaskRef.dws("p1", "j1")).toCompletableFuture().get(20, TimeUnit.SECONDS).state());
    }

    @Test
    void injectedSource_errorResponse_cloudServiceException() {
        RestTaskStatusSource source = container.select(RestTaskStatusSource.class).get();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> source.fetch(TaskRef.mrs("c1")).toCompletableFuture().get(20, TimeUnit.SECONDS));
        CloudServiceException c = assertInstanceOf(CloudServiceException.class, e.getCause());
        assertEquals(404, c.httpStatus());
        assertEquals("12100001", c.errorCode());
    }

    @Test
    void injectedSource_serviceWithoutUrl_failsOnlyThatFetch() throws Exception {
        RestTaskStatusSource source = container.select(RestTaskStatusSource.class).get();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> source.fetch(TaskRef.cce("p1", "j1")).toCompletableFuture().get(20, TimeUnit.SECONDS));
        IllegalStateException ise = assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(ise.getMessage().contains("cloudtask-cce/mp-rest/url"), ise.getMessage());
        assertEquals(TaskState.FAILED,
                source.fetch(TaskRef.dws("p1", "j1")).toCompletableFuture().get(20, TimeUnit.SECONDS).state());
    }

    @Test
    void injectedClient_sizeCapFromConfig_bodyOverCapRejected() {
        MutableConfigSource.VALUES.put("cloudtask.max-response-bytes", "50");
        RestTaskStatusSource source = container.select(RestTaskStatusSource.class).get();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> source.fetch(TaskRef.dws("p1", "j1")).toCompletableFuture().get(20, TimeUnit.SECONDS));
        CloudServiceException c = assertInstanceOf(CloudServiceException.class, e.getCause());
        assertTrue(c.errorMessage().contains("larger than 50 bytes (cloudtask.max-response-bytes)"), c.errorMessage());
    }
}
