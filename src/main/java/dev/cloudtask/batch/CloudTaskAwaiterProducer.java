package dev.cloudtask.batch;

import dev.cloudtask.CloudTaskAwaiter;
import dev.cloudtask.TaskStatusSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Produces the application's one {@link CloudTaskAwaiter}, which every batch artifact of this
 * package injects.
 *
 * <p>It is {@link CloudTaskAwaiter#builder} over the application's {@link TaskStatusSource} bean,
 * scheduled on the server's {@code java:comp/DefaultManagedScheduledExecutorService} when there is
 * one ({@link CloudTaskAwaiter.Builder#managedSchedulerIfAvailable()}), otherwise on the awaiter's
 * own small daemon pool ({@code cloudtask.scheduler-threads} threads), which
 * {@link CloudTaskAwaiter#close()} ends when the CDI container shuts down. Its rate limit, burst and
 * request timeout come from MicroProfile Config ({@code cloudtask.<service>.rate-limit}, else
 * {@code cloudtask.rate-limit}; likewise {@code burst} and {@code request-timeout}). When the
 * application has an {@code io.opentelemetry.api.OpenTelemetry} bean (MicroProfile Telemetry
 * provides one), the awaiter reports its metrics and spans through it. An application or a test
 * replaces it by declaring its own {@code @Alternative @Priority} producer of
 * {@code CloudTaskAwaiter}.
 */
@ApplicationScoped
public class CloudTaskAwaiterProducer {
    private static final Logger LOG = Logger.getLogger(CloudTaskAwaiterProducer.class.getName());

    /** The type of the application's OpenTelemetry bean (MicroProfile Telemetry provides one). */
    static final String OPEN_TELEMETRY_TYPE = "io.opentelemetry.api.OpenTelemetry";

    @Inject
    Instance<TaskStatusSource> sources;

    @Inject
    Instance<Object> beans;

    @Produces
    @ApplicationScoped
    CloudTaskAwaiter awaiter() {
        if (!sources.isResolvable()) {
            throw new IllegalStateException("no unique TaskStatusSource bean: the REST clients"
                    + " (RestTaskStatusSource) must be deployed with this library");
        }
        return create(sources.get(), ConfigLayer.microProfile(), openTelemetry(beans));
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
     * the awaiter's own daemon pool (ended by {@link CloudTaskAwaiter#close()}), with the limits
     * MicroProfile Config sets ({@link EngineLimits}).
     */
    static CloudTaskAwaiter create(TaskStatusSource source) {
        return create(source, ConfigLayer.microProfile(), null);
    }

    /** Like {@link #create(TaskStatusSource)}, with the limits of {@code config}. */
    static CloudTaskAwaiter create(TaskStatusSource source, ConfigLayer config) {
        return create(source, config, null);
    }

    /**
     * Like {@link #create(TaskStatusSource, ConfigLayer)}, reporting to {@code openTelemetry} (an
     * {@code io.opentelemetry.api.OpenTelemetry}) when not null.
     */
    static CloudTaskAwaiter create(TaskStatusSource source, ConfigLayer config, Object openTelemetry) {
        CloudTaskAwaiter.Builder builder = CloudTaskAwaiter.builder(source).managedSchedulerIfAvailable();
        List<String> set = EngineLimits.apply(builder, config);
        if (!set.isEmpty()) {
            LOG.info("cloudtask engine limits: " + String.join(", ", set));
        }
        if (openTelemetry != null) {
            builder.openTelemetry((io.opentelemetry.api.OpenTelemetry) openTelemetry);
        }
        return builder.build();
    }

    /**
     * The application's {@code OpenTelemetry} bean, or null when the OpenTelemetry API is not on
     * the class path or no unique bean of that type exists. Looked up by name so that nothing loads
     * an OpenTelemetry class when the API is absent.
     */
    static Object openTelemetry(Instance<Object> beans) {
        Class<?> type;
        try {
            type = Class.forName(OPEN_TELEMETRY_TYPE, false, CloudTaskAwaiterProducer.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.fine("no OpenTelemetry API on the class path: no metrics or traces");
            return null;
        }
        Instance<?> found = beans.select(type);
        if (!found.isResolvable()) {
            LOG.fine("no unique OpenTelemetry bean: no metrics or traces");
            return null;
        }
        LOG.fine("reporting metrics and traces through the application's OpenTelemetry bean");
        return found.get();
    }
}
