package dev.cloudtask.testkit.batch;

import dev.cloudtask.testkit.CloudSimulatorExtension;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * JUnit 5 extension behind {@link WithJBatch}: before the test class, connects a {@link SimBatch} to
 * the class's simulator (the one {@link CloudSimulatorExtension} starts, shared with {@code @Nested}
 * classes) and closes it after the class. Injects the {@code SimBatch} into test and lifecycle method
 * parameters and into fields of that type (static fields before {@code @BeforeAll}, instance fields
 * per test instance).
 */
public final class JBatchExtension implements BeforeAllCallback, ParameterResolver, TestInstancePostProcessor {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(JBatchExtension.class);

    /** Stores the harness so JUnit closes it when the class context ends. */
    private record Holder(SimBatch batch) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            batch.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IllegalAccessException {
        SimBatch batch = batch(context);
        for (Field f : context.getRequiredTestClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                inject(f, null, batch);
            }
        }
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws IllegalAccessException {
        SimBatch batch = batch(context);
        for (Class<?> c = testInstance.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    inject(f, testInstance, batch);
                }
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
        return pc.getParameter().getType() == SimBatch.class;
    }

    @Override
    public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
        return batch(ec);
    }

    private static void inject(Field f, Object target, SimBatch batch) throws IllegalAccessException {
        if (f.getType() != SimBatch.class || Modifier.isFinal(f.getModifiers())) {
            return;
        }
        f.setAccessible(true);
        f.set(target, batch);
    }

    private static SimBatch batch(ExtensionContext context) {
        ExtensionContext root = context;
        while (root.getParent().isPresent() && root.getParent().get().getTestClass().isPresent()) {
            root = root.getParent().get();
        }
        ExtensionContext owner = root;
        return owner.getStore(NS).getOrComputeIfAbsent(Holder.class,
                k -> new Holder(SimBatch.connect(CloudSimulatorExtension.simulator(owner))), Holder.class).batch();
    }
}
