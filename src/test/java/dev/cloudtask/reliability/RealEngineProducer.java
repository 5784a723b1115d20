package dev.cloudtask.reliability;

import dev.cloudtask.CloudTaskAwaiter;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

/**
 * Gives the batch artifacts the {@link RealEngine} in the reliability benchmarks. Vetoed by
 * {@link RealEngineExtension} unless {@code -Dcloudtask.realEngine=true}.
 */
@Alternative
@Priority(100)
@ApplicationScoped
public class RealEngineProducer {
    @Produces
    @ApplicationScoped
    CloudTaskAwaiter awaiter() {
        return RealEngine.INSTANCE;
    }
}
