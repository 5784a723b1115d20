package dev.cloudtask.integration;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.TaskStatusSource;
import dev.cloudtask.client.CloudClients;
import dev.cloudtask.testkit.CloudSimulator;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Test helpers: clients pointed at a simulator, and one poll through a {@link TaskStatusSource}. */
final class Polls {
    /** Upper bound of one poll in these tests (real time; the simulator answers in milliseconds). */
    static final Duration POLL_LIMIT = Duration.ofSeconds(20);

    private Polls() {
    }

    /** A builder with every service's endpoint at the simulator. */
    static CloudClients.Builder clients(CloudSimulator sim) {
        CloudClients.Builder b = CloudClients.builder();
        for (CloudService s : CloudService.values()) {
            b.endpoint(s, sim.baseUri());
        }
        return b;
    }

    /** One poll that must succeed. */
    static TaskStatus status(TaskStatusSource source, TaskRef ref) {
        try {
            return source.fetch(ref).toCompletableFuture().get(POLL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("poll of " + ref + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("poll of " + ref + " did not complete", e);
        }
    }

    /** One poll that must fail; the failure of the stage. */
    static Throwable failure(TaskStatusSource source, TaskRef ref) {
        try {
            TaskStatus s = source.fetch(ref).toCompletableFuture().get(POLL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("poll of " + ref + " succeeded unexpectedly: " + s);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("poll of " + ref + " did not complete", e);
        }
    }

    /** {@link #failure} that must be a {@link dev.cloudtask.CloudServiceException}. */
    static dev.cloudtask.CloudServiceException serviceError(TaskStatusSource source, TaskRef ref) {
        Throwable t = failure(source, ref);
        if (t instanceof dev.cloudtask.CloudServiceException e) {
            return e;
        }
        throw new AssertionError("expected a CloudServiceException for " + ref + " but got " + t, t);
    }
}
