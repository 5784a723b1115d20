package dev.cloudtask.testkit;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension behind {@link WithCloudSimulator}: one simulator per test class (shared with
 * {@code @Nested} classes), stopped after the class. Injects {@link CloudSimulator},
 * {@link VirtualClock} and {@link Clock} into test and lifecycle method parameters, and into fields
 * of those types (static fields before {@code @BeforeAll}, instance fields per test instance).
 * Usable directly with {@code @ExtendWith(CloudSimulatorExtension.class)} (then with the defaults
 * of {@link WithCloudSimulator}).
 */
public final class CloudSimulatorExtension
        implements BeforeAllCallback, BeforeEachCallback, ParameterResolver, TestInstancePostProcessor {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(CloudSimulatorExtension.class);

    /** Stores the simulator so JUnit closes it when the class context ends. */
    private record Holder(CloudSimulator sim, VirtualClock clock) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            sim.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Holder h = holder(context);
        for (Field f : context.getRequiredTestClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                inject(f, null, h);
            }
        }
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws Exception {
        Holder h = holder(context);
        for (Class<?> c = testInstance.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    inject(f, testInstance, h);
                }
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (config(context).map(WithCloudSimulator::resetBetweenTests).orElse(true)) {
            holder(context).sim().reset();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
        Class<?> t = pc.getParameter().getType();
        return t == CloudSimulator.class || t == Clock.class || (t == VirtualClock.class && holder(ec).clock() != null);
    }

    @Override
    public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
        Holder h = holder(ec);
        Class<?> t = pc.getParameter().getType();
        if (t == CloudSimulator.class) {
            return h.sim();
        }
        if (t == VirtualClock.class) {
            return h.clock();
        }
        if (t == Clock.class) {
            return h.sim().clock();
        }
        throw new ParameterResolutionException("cannot resolve " + t);
    }

    private static void inject(Field f, Object target, Holder h) throws IllegalAccessException {
        Object value = f.getType() == CloudSimulator.class ? h.sim()
                : f.getType() == VirtualClock.class ? h.clock() : null;
        if (value == null || Modifier.isFinal(f.getModifiers())) {
            return;
        }
        f.setAccessible(true);
        f.set(target, value);
    }

    /**
     * The simulator of the test class of {@code context}, started now if the extension has not yet
     * started it: for other extensions that work against it, such as
     * {@link dev.cloudtask.testkit.batch.JBatchExtension}.
     */
    public static CloudSimulator simulator(ExtensionContext context) {
        return holder(context).sim();
    }

    private static Holder holder(ExtensionContext context) {
        ExtensionContext root = context;
        while (root.getParent().isPresent() && root.getParent().get().getTestClass().isPresent()) {
            root = root.getParent().get();
        }
        Optional<WithCloudSimulator> cfg = config(context);
        return root.getStore(NS).getOrComputeIfAbsent(Holder.class, k -> start(cfg), Holder.class);
    }

    private static Optional<WithCloudSimulator> config(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            Optional<WithCloudSimulator> a = c.get().getTestClass()
                    .flatMap(k -> AnnotationSupport.findAnnotation(k, WithCloudSimulator.class));
            if (a.isPresent()) {
                return a;
            }
        }
        return Optional.empty();
    }

    private static Holder start(Optional<WithCloudSimulator> cfg) {
        boolean virtual = cfg.map(WithCloudSimulator::virtualClock).orElse(true);
        VirtualClock clock = virtual ? VirtualClock.create() : null;
        CloudSimulator.Builder b = CloudSimulator.builder().clock(virtual ? clock : Clock.systemUTC());
        cfg.ifPresent(c -> {
            b.auth(c.auth()).managerSessionRequired(c.managerSession());
            if (c.https()) {
                b.https();
            }
        });
        return new Holder(b.start(), clock);
    }
}
