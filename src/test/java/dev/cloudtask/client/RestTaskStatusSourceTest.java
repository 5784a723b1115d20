package dev.cloudtask.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.CloudServiceException;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskState;
import dev.cloudtask.cce.CceJob;
import dev.cloudtask.cce.CceJobClient;
import dev.cloudtask.cce.CceJobStatus;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Dispatch, unwrapping and missing clients, with in-memory clients (no HTTP). */
class RestTaskStatusSourceTest {
    /** A CCE client answering with a fixed stage. */
    record FixedCce(CompletionStage<CceJob> answer) implements CceJobClient {
        @Override
        public CompletionStage<CceJob> fetchJobAsync(String projectId, String jobId) {
            return answer;
        }

        @Override
        public CceJob fetchJob(String projectId, String jobId) {
            return answer.toCompletableFuture().join();
        }
    }

    @Test
    void fetch_serviceWithoutClient_failsStageWithConfigHint() {
        RestTaskStatusSource source = RestTaskStatusSource.of(null, null, null, null);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> source.fetch(TaskRef.dws("p", "j")).toCompletableFuture().get());
        IllegalStateException ise = assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(ise.getMessage().contains("cloudtask-dws/mp-rest/url"), ise.getMessage());
    }

    @Test
    void fetch_cceJob_mappedThroughTable() throws Exception {
        CceJob job = new CceJob("Job", "v3", null, null, new CceJobStatus("Success", "", null));
        RestTaskStatusSource source = new RestTaskStatusSource(
                new FixedCce(CompletableFuture.completedFuture(job)), null, null, null);
        assertEquals(TaskState.SUCCEEDED, source.fetch(TaskRef.cce("p", "j")).toCompletableFuture().get().state());
    }

    @Test
    void fetch_wrappedCloudServiceException_unwrapped() {
        CloudServiceException cause = new CloudServiceException(CloudService.CCE, 500, "X", "boom", null, null);
        CompletableFuture<CceJob> failed = CompletableFuture.failedFuture(
                new CompletionException(new jakarta.ws.rs.ProcessingException(cause)));
        RestTaskStatusSource source = new RestTaskStatusSource(new FixedCce(failed), null, null, null);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> source.fetch(TaskRef.cce("p", "j")).toCompletableFuture().get());
        assertEquals(cause, e.getCause());
    }

    @Test
    void refreshCredentials_defaultFalse_delegatesWhenGiven() {
        RestTaskStatusSource source = RestTaskStatusSource.of(null, null, null, null);
        assertFalse(source.refreshCredentials(TaskRef.mrs("c")));
        assertTrue(source.withCredentialRefresh(ref -> ref.service() == CloudService.MRS)
                .refreshCredentials(TaskRef.mrs("c")));
    }
}
