package dev.cloudtask.batch;

import dev.cloudtask.CloudTaskAwaiter;
import dev.cloudtask.TaskStatusSource;
import dev.cloudtask.internal.PollingEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Produces the application's one {@link CloudTaskAwaiter}, which every batch artifact of this
 * package injects.
 *
 * <p>It is the polling engine over the application's {@link TaskStatusSource} bean, scheduled on
 * {@link Schedulers#obtain()}: the server's {@code java:comp/DefaultManagedScheduledExecutorService}
 * when there is one, otherwise a small daemon pool owned by the awaiter. An application or a test
 * replaces it by declaring its own {@code @Alternative @Priority} producer of
 * {@code CloudTaskAwaiter}.
 */
@ApplicationScoped
public class CloudTaskAwaiterProducer {
    private static final Logger LOG = Logger.getLogger(CloudTaskAwaiterProducer.class.getName());

    @Inject
    Instance<TaskStatusSource> sources;

    private Schedulers.Obtained scheduler;

    @Produces
    @ApplicationScoped
    CloudTaskAwaiter awaiter() {
        if (!sources.isResolvable()) {
            throw new IllegalStateException("no unique TaskStatusSource bean: the REST clients"
                    + " (RestTaskStatusSource) must be deployed with this library");
        }
        scheduler = Schedulers.obtain();
        return EngineFactory.create(sources.get(), scheduler.executor());
    }

    void close(@Disposes CloudTaskAwaiter awaiter) {
        try {
            awaiter.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "closing the awaiter failed", e);
        }
        if (scheduler != null && scheduler.owned()) {
            scheduler.executor().shutdownNow();
        }
    }

    /** Builds the polling engine; kept in one place so the engine's builder is called only here. */
    static final class EngineFactory {
        private EngineFactory() {
        }

        static CloudTaskAwaiter create(TaskStatusSource source, ScheduledExecutorService scheduler) {
            return PollingEngine.builder(source).scheduler(scheduler).build();
        }
    }
}
