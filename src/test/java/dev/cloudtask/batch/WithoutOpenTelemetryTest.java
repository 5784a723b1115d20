package dev.cloudtask.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.AwaitOutcome;
import dev.cloudtask.CloudTaskAwaiter;
import dev.cloudtask.TaskRef;
import dev.cloudtask.testkit.ScriptedSource;
import dev.cloudtask.testkit.VirtualScheduler;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The library without the OpenTelemetry API on the class path: a class loader that has every
 * entry of the test class path except the OpenTelemetry jars, and that records (and refuses) every
 * request for an {@code io.opentelemetry} class, runs a whole wait and the CDI producer's lookup.
 */
class WithoutOpenTelemetryTest {

    /** Runs inside the filtering class loader: a wait to its end through the public builder. */
    public static final class Run implements Callable<String> {
        @Override
        public String call() {
            VirtualScheduler time = new VirtualScheduler();
            ScriptedSource source = new ScriptedSource(time.clock())
                    .then(ScriptedSource.running(40)).then(ScriptedSource.succeeded());
            Object found = CloudTaskAwaiterProducer.openTelemetry(null); // must not even look at the beans
            try (CloudTaskAwaiter awaiter = CloudTaskAwaiter.builder(source).scheduler(time).clock(time.clock())
                    .build()) {
                var h = awaiter.start(TaskRef.dws("p1", "j1"), null,
                        dev.cloudtask.AwaitPolicy.ofDefaults().withInitialDelay(java.time.Duration.ZERO), e -> { });
                time.runUntil(() -> h.outcome().toCompletableFuture().isDone(), java.time.Duration.ofHours(1));
                AwaitOutcome o = h.join();
                return o.kind() + " polls=" + o.polls() + " otel=" + found;
            }
        }
    }

    /** Loads this module's classes itself; refuses and records every OpenTelemetry class. */
    static final class NoOpenTelemetry extends URLClassLoader {
        final List<String> refused = new CopyOnWriteArrayList<>();

        NoOpenTelemetry(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("io.opentelemetry.")) {
                refused.add(name);
                throw new ClassNotFoundException(name + " (refused: no OpenTelemetry in this test)");
            }
            return super.loadClass(name, resolve);
        }
    }

    @Test
    void waitRuns_andNoOpenTelemetryClassIsRequested() throws Exception {
        try (NoOpenTelemetry loader = new NoOpenTelemetry(classPathWithoutOpenTelemetry())) {
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("io.opentelemetry.api.OpenTelemetry"));
            loader.refused.clear();
            Class<?> run = loader.loadClass(Run.class.getName());
            assertTrue(run.getClassLoader() == loader, "the run is loaded by the filtering loader");
            @SuppressWarnings("unchecked")
            Callable<String> c = (Callable<String>) run.getConstructor().newInstance();
            String result = c.call();
            assertEquals("SUCCEEDED polls=2 otel=null", result);
            assertTrue(loader.refused.stream().noneMatch(n -> !n.equals(CloudTaskAwaiterProducer.OPEN_TELEMETRY_TYPE)),
                    "only the producer's one probe for the API may ask: " + loader.refused);
        }
    }

    private static URL[] classPathWithoutOpenTelemetry() throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        int dropped = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("opentelemetry")) {
                dropped++;
                continue;
            }
            urls.add(new File(entry).toURI().toURL());
        }
        assertTrue(dropped > 0, "the test class path has the OpenTelemetry jars to leave out");
        return urls.toArray(URL[]::new);
    }
}
