package dev.cloudtask.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.AwaitHandle;
import dev.cloudtask.AwaitOutcome;
import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.CloudTaskAwaiter;
import dev.cloudtask.TaskRef;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The production wiring pieces that run without a server. */
class CloudTaskAwaiterProducerTest {

    @Test
    void create_javaSeWithoutJndi_ownDaemonPoolRunsTheWaitsAndCloseEndsIt() throws Exception {
        CloudTaskAwaiter engine = CloudTaskAwaiterProducer.create(ref -> new CompletableFuture<>());
        try {
            assertEquals(0, engine.activeWaits());
            AwaitHandle h = engine.start(TaskRef.dws("p", "j"), null,
                    AwaitPolicy.ofDefaults().withInitialDelay(Duration.ZERO), e -> { });
            assertEquals(1, engine.activeWaits());
            assertTrue(poolThreads() > 0, "no JNDI in Java SE: the awaiter's own pool runs the wait");
            engine.close();
            assertEquals(AwaitOutcome.Kind.STOPPED, h.outcome().toCompletableFuture().get(5, TimeUnit.SECONDS).kind());
            assertEquals(0, poolThreads(), "close ended the awaiter's own pool");
        } finally {
            engine.close();
        }
    }

    private static long poolThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("cloudtask-await-") && t.isAlive()).count();
    }
}
