package dev.cloudtask.batch;

import dev.cloudtask.CloudService;
import dev.cloudtask.CloudTaskAwaiter;
import dev.cloudtask.client.CloudOperations;
import dev.cloudtask.client.OperationAnswer;
import dev.cloudtask.client.OperationRequest;
import java.time.Clock;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.TaskStatusSource;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import java.util.concurrent.CompletionStage;

/**
 * The test wiring of {@link SimBatch}, enabled by priority as an application would replace the
 * production beans: the {@code TaskStatusSource} is the real REST source over the current test
 * class's simulator, and the {@code CloudTaskAwaiter} is the real polling engine in the JVM's
 * virtual (or, across JVMs, accelerated) time.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class SimCloudProducer {

    @Produces
    @ApplicationScoped
    TaskStatusSource source() {
        return new CurrentSimulator();
    }

    @Produces
    @ApplicationScoped
    CloudOperations operations() {
        return new CurrentOperations();
    }

    @Produces
    @ApplicationScoped
    CloudTaskAwaiter awaiter(TaskStatusSource source) {
        return SimBatch.newEngine(source);
    }

    /**
     * Delegates to the {@link dev.cloudtask.client.RestTaskStatusSource} of the current simulator
     * (a simulator is started per test class, the CDI container lives as long as the JVM).
     */
    static final class CurrentSimulator implements TaskStatusSource {
        @Override
        public CompletionStage<TaskStatus> fetch(TaskRef ref) {
            return SimBatch.fetch(ref);
        }

        @Override
        public boolean refreshCredentials(TaskRef ref) {
            return SimBatch.source().refreshCredentials(ref);
        }
    }

    /** The operations of the current simulator, stamped with this JVM's (virtual or accelerated) clock. */
    static final class CurrentOperations implements CloudOperations {
        @Override
        public OperationAnswer send(OperationRequest request) {
            return SimBatch.operations().send(request);
        }

        @Override
        public boolean refreshCredentials(CloudService service, String projectId) {
            return SimBatch.operations().refreshCredentials(service, projectId);
        }

        @Override
        public Clock clock() {
            return SimBatch.clock();
        }
    }
}
