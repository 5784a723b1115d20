package dev.cloudtask.testkit.batch;

import dev.cloudtask.AwaitHandle;
import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.CloudService;
import dev.cloudtask.CloudTaskAwaiter;
import dev.cloudtask.ProgressListener;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.TaskStatusSource;
import dev.cloudtask.client.CloudOperations;
import dev.cloudtask.client.OperationAnswer;
import dev.cloudtask.client.OperationRequest;
import java.time.Clock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * Gives the library's batch artifacts the {@link TaskStatusSource}, the {@link CloudTaskAwaiter} and
 * the {@link CloudOperations} of the {@link SimBatch} connected in this JVM: application-scoped beans, alternatives with
 * priority 1, that replace the production beans as an application's own alternatives would. The CDI
 * container lives as long as the JVM while a {@code SimBatch} is connected per test class, so both
 * delegate to {@link SimBatch#current()} on every call.
 *
 * <p>A CDI portable extension that only {@link SimBatchArtifactFactory} adds to jbatch's container;
 * nothing registers it anywhere else.
 */
public class SimCloudBeans implements Extension {
    /** Priority of the two alternatives: above none, so an application's own alternatives still win. */
    public static final int PRIORITY = 1;

    void addBeans(@Observes AfterBeanDiscovery event) {
        event.addBean().beanClass(SimCloudBeans.class).types(TaskStatusSource.class, Object.class)
                .scope(ApplicationScoped.class).alternative(true).priority(PRIORITY)
                .createWith(c -> new CurrentSource());
        event.addBean().beanClass(SimCloudBeans.class).types(CloudTaskAwaiter.class, Object.class)
                .scope(ApplicationScoped.class).alternative(true).priority(PRIORITY)
                .createWith(c -> new CurrentAwaiter());
        event.addBean().beanClass(SimCloudBeans.class).types(CloudOperations.class, Object.class)
                .scope(ApplicationScoped.class).alternative(true).priority(PRIORITY)
                .createWith(c -> new CurrentOperations());
    }

    /** The operation requests of the connected harness (the {@code submitCloudTask} step). */
    static final class CurrentOperations implements CloudOperations {
        @Override
        public OperationAnswer send(OperationRequest request) {
            return SimBatch.current().operations().send(request);
        }

        @Override
        public boolean refreshCredentials(CloudService service, String projectId) {
            return SimBatch.current().operations().refreshCredentials(service, projectId);
        }

        @Override
        public Clock clock() {
            return SimBatch.current().operations().clock();
        }
    }

    /** The status requests of the connected harness. */
    static final class CurrentSource implements TaskStatusSource {
        @Override
        public CompletionStage<TaskStatus> fetch(TaskRef ref) {
            return SimBatch.current().fetch(ref);
        }

        @Override
        public boolean refreshCredentials(TaskRef ref) {
            return SimBatch.current().refreshCredentials(ref);
        }
    }

    /** The engine of the connected harness; the harness closes it. */
    static final class CurrentAwaiter implements CloudTaskAwaiter {
        @Override
        public AwaitHandle start(TaskRef ref, Instant submittedAt, AwaitPolicy policy, ProgressListener listener) {
            return SimBatch.current().awaiter().start(ref, submittedAt, policy, listener);
        }

        @Override
        public int activeWaits() {
            return SimBatch.current().activeWaits();
        }

        @Override
        public void close() {
        }
    }
}
