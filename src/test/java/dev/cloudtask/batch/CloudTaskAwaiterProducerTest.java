package dev.cloudtask.batch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.TaskStatusSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The production wiring pieces that run without a server. */
class CloudTaskAwaiterProducerTest {

    @Test
    void schedulers_javaSeWithoutJndi_ownedDaemonPool() throws Exception {
        Schedulers.Obtained s = Schedulers.obtain();
        try {
            assertTrue(s.owned());
            CompletableFuture<Boolean> daemon = new CompletableFuture<>();
            s.executor().execute(() -> daemon.complete(Thread.currentThread().isDaemon()));
            assertTrue(daemon.get(10, TimeUnit.SECONDS));
        } finally {
            s.executor().shutdownNow();
        }
    }

    @Test
    void engineFactory_engineNotOnClasspath_failsNamingTheEngine() {
        boolean engineMerged;
        try {
            Class.forName("dev.cloudtask.internal.PollingEngine");
            engineMerged = true;
        } catch (ClassNotFoundException e) {
            engineMerged = false;
        }
        TaskStatusSource source = ref -> new CompletableFuture<>();
        Schedulers.Obtained s = Schedulers.obtain();
        try {
            if (engineMerged) {
                assertFalse(CloudTaskAwaiterProducer.EngineFactory.create(source, s.executor()) == null);
            } else {
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> CloudTaskAwaiterProducer.EngineFactory.create(source, s.executor()));
                assertTrue(e.getMessage().contains("dev.cloudtask.internal.PollingEngine"), e.getMessage());
            }
        } finally {
            s.executor().shutdownNow();
        }
    }
}
