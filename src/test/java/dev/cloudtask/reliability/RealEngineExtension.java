package dev.cloudtask.reliability;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;

/**
 * Keeps {@link RealEngineProducer} out of every CDI container unless the JVM runs with
 * {@code -Dcloudtask.realEngine=true} (set by {@link RealEngine#use}); then it keeps the batch tests'
 * {@code SimCloudProducer} out instead.
 */
public class RealEngineExtension implements Extension {
    <T> void select(@Observes ProcessAnnotatedType<T> type) {
        Class<?> c = type.getAnnotatedType().getJavaClass();
        boolean real = Boolean.getBoolean(RealEngine.PROPERTY);
        if (!real && c == RealEngineProducer.class) {
            type.veto();
        } else if (real && c.getName().equals("dev.cloudtask.batch.SimCloudProducer")) {
            type.veto();
        }
    }
}
