package dev.cloudtask.reliability;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;

/**
 * Keeps {@link RealEngineProducer} out of every CDI container unless the JVM runs with
 * {@code -Dcloudtask.realEngine=true} (set by {@link RealEngine#use}).
 */
public class RealEngineExtension implements Extension {
    <T> void select(@Observes ProcessAnnotatedType<T> type) {
        if (type.getAnnotatedType().getJavaClass() == RealEngineProducer.class && !Boolean.getBoolean(RealEngine.PROPERTY)) {
            type.veto();
        }
    }
}
