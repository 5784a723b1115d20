package dev.cloudtask.client;

import dev.cloudtask.CloudServiceException;
import dev.cloudtask.cce.CceJob;
import dev.cloudtask.cce.CceJobClient;
import dev.cloudtask.dcs.DcsTaskClient;
import dev.cloudtask.dcs.DcsTaskProgress;
import dev.cloudtask.dws.DwsJob;
import dev.cloudtask.dws.DwsJobClient;
import dev.cloudtask.internal.PathParams;
import dev.cloudtask.mrs.MrsCommandClient;
import dev.cloudtask.mrs.MrsCommandProgress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The calls to make on the four clients, the same on every MicroProfile REST Client implementation:
 *
 * <pre>{@code
 * CceJob job = CloudCalls.job(cce, projectId, jobId);
 * CompletionStage<DcsTaskProgress> p = CloudCalls.progressAsync(dcs, projectId, instanceId, taskId);
 * }</pre>
 *
 * <p>Each checks the ids before any request is made: a blank id, or one that contains {@code /},
 * {@code \}, {@code %}, {@code ?}, {@code #}, {@code ..}, whitespace or control characters, or is longer
 * than 128 characters, throws an {@link IllegalArgumentException} naming the parameter (also from the
 * asynchronous methods, which throw it instead of returning it in the stage). And each makes a
 * {@link CloudServiceException} reach the caller as itself: JAX-RS implementations wrap an exception
 * thrown while reading a body (an unreadable or oversized response) in a {@code ProcessingException},
 * and asynchronous calls add {@code CompletionException}s. The synchronous methods throw it; the
 * asynchronous ones fail with it (and {@code join()} wraps it once, as usual).
 */
public final class CloudCalls {
    private CloudCalls() {
    }

    /** Reads a CCE job. */
    public static CceJob job(CceJobClient client, String projectId, String jobId) {
        check("project_id", projectId, "job_id", jobId);
        return sync(() -> client.fetchJob(projectId, jobId));
    }

    /** Reads a CCE job, asynchronously. */
    public static CompletionStage<CceJob> jobAsync(CceJobClient client, String projectId, String jobId) {
        check("project_id", projectId, "job_id", jobId);
        return async(client.fetchJobAsync(projectId, jobId));
    }

    /** Reads a DCS background task's progress. */
    public static DcsTaskProgress progress(DcsTaskClient client, String projectId, String instanceId,
            String taskId) {
        check("project_id", projectId, "instance_id", instanceId);
        PathParams.check("task_id", taskId);
        return sync(() -> client.fetchProgress(projectId, instanceId, taskId));
    }

    /** Reads a DCS background task's progress, asynchronously. */
    public static CompletionStage<DcsTaskProgress> progressAsync(DcsTaskClient client, String projectId,
            String instanceId, String taskId) {
        check("project_id", projectId, "instance_id", instanceId);
        PathParams.check("task_id", taskId);
        return async(client.fetchProgressAsync(projectId, instanceId, taskId));
    }

    /** Reads a DWS job's progress. */
    public static DwsJob job(DwsJobClient client, String projectId, String jobId) {
        check("project_id", projectId, "job_id", jobId);
        return sync(() -> client.fetchJob(projectId, jobId));
    }

    /** Reads a DWS job's progress, asynchronously. */
    public static CompletionStage<DwsJob> jobAsync(DwsJobClient client, String projectId, String jobId) {
        check("project_id", projectId, "job_id", jobId);
        return async(client.fetchJobAsync(projectId, jobId));
    }

    /** Reads an MRS Manager command's progress. */
    public static MrsCommandProgress progress(MrsCommandClient client, String commandId) {
        PathParams.check("command_id", commandId);
        return sync(() -> client.fetchProgress(commandId));
    }

    /** Reads an MRS Manager command's progress, asynchronously. */
    public static CompletionStage<MrsCommandProgress> progressAsync(MrsCommandClient client, String commandId) {
        PathParams.check("command_id", commandId);
        return async(client.fetchProgressAsync(commandId));
    }

    private static void check(String name1, String value1, String name2, String value2) {
        PathParams.check(name1, value1);
        PathParams.check(name2, value2);
    }

    /** Runs a synchronous call, rethrowing a wrapped {@link CloudServiceException} unwrapped. */
    public static <T> T sync(Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            Throwable t = unwrap(e);
            if (t instanceof CloudServiceException c) {
                throw c;
            }
            throw e;
        }
    }

    /**
     * The stage of an asynchronous call, failing with the {@link CloudServiceException} itself when
     * one is anywhere in the failure's cause chain; other failures lose only their
     * {@code CompletionException}/{@code ExecutionException} wrappers.
     */
    public static <T> CompletionStage<T> async(CompletionStage<T> stage) {
        CompletableFuture<T> result = new CompletableFuture<>();
        stage.whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(unwrap(error));
            }
        });
        return result;
    }

    /**
     * The exception worth reporting: a {@link CloudServiceException} anywhere in the cause chain,
     * else the first cause below {@code CompletionException}/{@code ExecutionException} wrappers.
     */
    public static Throwable unwrap(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth++ < 20; t = t.getCause()) {
            if (t instanceof CloudServiceException) {
                return t;
            }
        }
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
