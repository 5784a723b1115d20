package dev.cloudtask.batch;

import dev.cloudtask.CloudTaskAwaiter;
import dev.cloudtask.TaskStatusSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Produces the application's one {@link CloudTaskAwaiter}, which every batch artifact of this
 * package injects.
 *
 * <p>It is {@link CloudTaskAwaiter#builder} over the application's {@link TaskStatusSource} bean,
 * scheduled on the server's {@code java:comp/DefaultManagedScheduledExecutorService} when there is
 * one ({@link CloudTaskAwaiter.Builder#managedSchedulerIfAvailable()}), otherwise on the awaiter's
 * own small daemon pool, which
 * {@link CloudTaskAwaiter#close()} ends when the CDI container shuts down. An application or a test
 * replaces it by declaring its own {@code @Alternative @Priority} producer of
 * {@code CloudTaskAwaiter}.
 */
@ApplicationScoped
public class CloudTaskAwaiterProducer {
    private static final Logger LOG = Logger.getLogger(CloudTaskAwaiterProducer.class.getName());

    @Inject
    Instance<TaskStatusSource> sources;

    @Produces
    @ApplicationScoped
    CloudTaskAwaiter awaiter() {
        if (!sources.isResolvable()) {
            throw new IllegalStateException("no unique TaskStatusSource bean: the REST clients"
                    + " (RestTaskStatusSource) must be deployed with this library");
        }
        return create(sources.get());
    }

    void close(@Disposes CloudTaskAwaiter awaiter) {
        try {
            awaiter.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "closing the awaiter failed", e);
        }
    }

    /**
     * The production awaiter over {@code source}: the managed scheduler when available, otherwise
     * the awaiter's own daemon pool (ended by {@link CloudTaskAwaiter#close()}).
     */
    static CloudTaskAwaiter create(TaskStatusSource source) {
        return CloudTaskAwaiter.builder(source).managedSchedulerIfAvailable().build();
    }
}
