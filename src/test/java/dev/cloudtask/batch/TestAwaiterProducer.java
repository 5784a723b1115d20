package dev.cloudtask.batch;

import dev.cloudtask.CloudTaskAwaiter;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

/**
 * Replaces the production {@link CloudTaskAwaiterProducer} in tests with the {@link FakeAwaiter}
 * over {@link FakeCloud} (an alternative enabled by priority, as an application would do).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestAwaiterProducer {
    @Produces
    @ApplicationScoped
    CloudTaskAwaiter awaiter() {
        return new FakeAwaiter(FakeCloud.get());
    }
}
