package dev.cloudtask.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.CloudServiceException;
import dev.cloudtask.testkit.CloudSimulator;
import dev.cloudtask.testkit.Endpoint;
import dev.cloudtask.testkit.InjectedFault;
import dev.cloudtask.testkit.JournalEntry;
import dev.cloudtask.testkit.WithCloudSimulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The operation clients over real HTTP to the simulator: the path header becomes the request URL
 * (and never goes on the wire), every method an operation may use goes on the wire as itself, error
 * answers become {@link CloudServiceException}s, the size cap holds, and an answer without a body is
 * an empty answer.
 */
@WithCloudSimulator
class OperationsOverHttpTest {
    private static final String P = CloudSimulator.DEFAULT_PROJECT_ID;
    CloudSimulator sim;

    @BeforeEach
    void reset() {
        sim.reset();
    }

    private RestCloudOperations operations(long maxBytes) {
        CloudClients.Builder b = CloudClients.builder().maxResponseBytes(maxBytes);
        for (CloudService s : CloudService.values()) {
            b.endpoint(s, sim.baseUri());
        }
        return b.build().operations();
    }

    @Test
    void post_pathWithQuery_reachesThatPathAndAnswers() {
        OperationAnswer a = operations(1 << 20).send(new OperationRequest(CloudService.DWS, "POST",
                "/v1.0/" + P + "/clusters/c-1/cns/batch-create?sim-name=grow", "{\"num\":1}"));

        assertEquals(200, a.status());
        assertTrue(a.body().contains("job_id"), a.body());
        JournalEntry e = sim.journal().entries().get(0);
        assertEquals("/v1.0/" + P + "/clusters/c-1/cns/batch-create", e.path());
        assertEquals(Endpoint.SUBMIT, e.endpoint());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"CCE, PUT", "CCE, PATCH", "DCS, PUT", "DCS, PATCH", "DWS, PUT", "DWS, PATCH", "MRS, PUT",
        "MRS, PATCH", "CCE, DELETE"})
    void everyMethod_reachesTheServiceAsItself(CloudService service, String method) {
        // no simulated operation answers these: the service's 404 proves the request went out as sent
        String path = "/v1/" + P + "/method-check/" + method.toLowerCase();
        CloudServiceException e = assertThrows(CloudServiceException.class, () -> operations(1 << 20).send(
                new OperationRequest(service, method, path, method.equals("DELETE") ? null : "{\"size\":2}")));

        assertEquals(404, e.httpStatus(), e.getMessage());
        assertEquals(1, sim.journal().entries().size(), sim.journal().entries().toString());
        JournalEntry sent = sim.journal().entries().get(0);
        assertEquals(method, sent.method());
        assertEquals(path, sent.path());
    }

    @Test
    void dcsResize_204_emptyAnswer_thenTaskListByGet() {
        RestCloudOperations ops = operations(1 << 20);
        OperationAnswer a = ops.send(new OperationRequest(CloudService.DCS, "POST",
                "/v2/" + P + "/instances/i-1/resize", "{\"new_capacity\":2}"));
        OperationAnswer list = ops.send(new OperationRequest(CloudService.DCS, "GET", "/v2/" + P + "/instances/i-1/tasks", null));

        assertEquals(204, a.status());
        assertEquals("", a.body());
        assertTrue(list.body().contains("\"EXTEND\""), list.body());
    }

    @Test
    void errorAnswer_cloudServiceExceptionWithCode() {
        sim.faults().forEndpoint(Endpoint.SUBMIT).next(1, InjectedFault.status(403, "CCE.01403001"));

        CloudServiceException e = assertThrows(CloudServiceException.class, () -> operations(1 << 20).send(
                new OperationRequest(CloudService.CCE, "POST", "/api/v3/projects/" + P + "/clusters/c/nodes", "{}")));

        assertEquals(403, e.httpStatus());
        assertEquals("CCE.01403001", e.errorCode());
        assertEquals(CloudService.CCE, e.service());
    }

    @Test
    void answerOverTheCap_notRead() {
        CloudServiceException e = assertThrows(CloudServiceException.class, () -> operations(16).send(
                new OperationRequest(CloudService.MRS, "POST", "/web/v1/maintain/cluster/1/service/HDFS/start", null)));

        assertEquals(0, e.httpStatus());
        assertTrue(e.getMessage().contains("larger than 16 bytes"), e.getMessage());
        assertEquals(1, sim.journal().totalSubmissions(), "the operation itself was accepted");
    }

    @Test
    void request_malformed_rejectedBeforeSending() {
        assertThrows(IllegalArgumentException.class, () -> new OperationRequest(CloudService.DWS, "DELETE", "/x", "{}"));
        assertThrows(IllegalArgumentException.class, () -> new OperationRequest(CloudService.DWS, "POST", "x", null));
        assertThrows(IllegalArgumentException.class, () -> new OperationRequest(CloudService.DWS, "TRACE", "/x", null));
    }
}
