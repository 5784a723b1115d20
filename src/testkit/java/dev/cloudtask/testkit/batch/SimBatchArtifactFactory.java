package dev.cloudtask.testkit.batch;

import com.ibm.jbatch.container.services.impl.CDIBatchArtifactFactoryImpl;
import com.ibm.jbatch.spi.services.IBatchConfig;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * jbatch's artifact factory for Java SE with the harness's wiring: batch artifacts are beans of a CDI
 * SE container (Weld) made of the class path's bean archives plus the beans of {@link SimCloudBeans}.
 * Registered by {@link SimBatch#connect} as jbatch's {@code CONTAINER_ARTIFACT_FACTORY_SERVICE}.
 */
public class SimBatchArtifactFactory extends CDIBatchArtifactFactoryImpl {
    private SeContainer container;

    @Override
    protected BeanManager obtainBeanManager() {
        return container.getBeanManager();
    }

    @Override
    public void init(IBatchConfig config) {
        container = SeContainerInitializer.newInstance().addExtensions(new SimCloudBeans()).initialize();
    }

    @Override
    public void shutdown() {
        if (container != null) {
            container.close();
        }
    }
}
