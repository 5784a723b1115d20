package dev.cloudtask.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.internal.ManagedSchedulers;
import dev.cloudtask.internal.PollingEngine;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The production wiring pieces that run without a server. */
class CloudTaskAwaiterProducerTest {

    @Test
    void create_javaSeWithoutJndi_noManagedSchedulerAndEngineClosesCleanly() {
        assertTrue(ManagedSchedulers.lookup().isEmpty(), "no JNDI in Java SE");
        PollingEngine engine = CloudTaskAwaiterProducer.create(ref -> new CompletableFuture<>());
        try {
            assertEquals(0, engine.activeWaits());
        } finally {
            engine.close();
        }
    }
}
