package dev.cloudtask.batch;

import dev.cloudtask.CloudTaskAwaiter;
import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.auth.CloudAuth;
import dev.cloudtask.auth.CloudAuthFilter;
import dev.cloudtask.client.CloudClients;
import dev.cloudtask.client.RestCloudOperations;
import dev.cloudtask.client.RestTaskStatusSource;
import dev.cloudtask.testkit.AcceleratedClock;
import dev.cloudtask.testkit.AcceleratedScheduler;
import dev.cloudtask.testkit.CloudSimulator;
import dev.cloudtask.testkit.Endpoint;
import dev.cloudtask.testkit.JournalEntry;
import dev.cloudtask.testkit.VirtualScheduler;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The SE test harness for batch jobs: jbatch (Weld SE, Derby, the project's batch config) runs the
 * real artifacts, whose {@code TaskStatusSource} is the real {@link RestTaskStatusSource} over
 * {@link CloudClients} pointed at a {@link CloudSimulator} on 127.0.0.1, and whose
 * {@code CloudTaskAwaiter} is the library's awaiter, built with {@link CloudTaskAwaiter#builder} (wired by {@link SimCloudProducer}).
 * jbatch runs on its own real threads.
 *
 * <p><b>Time, in one JVM (the tests):</b> virtual. The engine runs on a {@link VirtualScheduler}
 * and the simulator reads its clock, so remote timelines, poll times and timeouts are exact and do
 * not depend on how loaded the machine is. Time moves only when the test drives it:
 * {@link #runToEnd(long)} advances it while the job waits (the engine has active waits) and lets
 * real time pass otherwise (steps starting and ending, the submit step's HTTP call); every status
 * request is a real HTTP call during which virtual time stands still ({@link VirtualScheduler#track}).
 * Six hours of remote time pass in about a second.
 *
 * <p><b>Time across JVMs (the crash test):</b> accelerated. When system property
 * {@value #FACTOR_PROPERTY} is set, the engine runs on an {@link AcceleratedScheduler} whose
 * {@link AcceleratedClock} is anchored at {@value #ORIGIN_PROPERTY} (an ISO instant); a simulator
 * in another JVM with a clock of the same origin and factor reads the same time.
 *
 * <p><b>Use:</b> in a test class {@code @RegisterExtension static final SimBatch BATCH =
 * SimBatch.perClass();} starts a simulator before the class (reset before each test, closed after
 * it) and points the jobs at it; in a separate JVM call {@link #use(URI)} before the first job.
 */
public final class SimBatch implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    /** System property: accelerated time with this factor (simulated seconds per real second). */
    public static final String FACTOR_PROPERTY = "cloudtask.sim.factor";
    /** System property: the real instant the accelerated clock is anchored at (ISO-8601). */
    public static final String ORIGIN_PROPERTY = "cloudtask.sim.origin";
    /** How far {@link #runToEnd} moves virtual time per round while the job waits. */
    public static final Duration STEP = Duration.ofMinutes(1);
    /** Real time given to a new wait to plan its timers before virtual time moves. */
    static final Duration SETTLE = Duration.ofMillis(20);
    /** Real-time bound of every harness wait. */
    public static final Duration REAL_TIMEOUT = Duration.ofSeconds(60);
    /** Read timeout of the harness's REST clients (real time; ends a hanging request). */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private static final Set<BatchStatus> ENDED = Set.of(BatchStatus.COMPLETED, BatchStatus.FAILED,
            BatchStatus.STOPPED, BatchStatus.ABANDONED);
    private static final Object LOCK = new Object();
    private static final java.util.concurrent.atomic.AtomicLong FETCHES = new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.concurrent.atomic.AtomicLong ANSWERS = new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.concurrent.atomic.AtomicLong FAILURES = new java.util.concurrent.atomic.AtomicLong();
    private static VirtualScheduler virtual;
    private static AcceleratedScheduler accelerated;
    private static volatile RestTaskStatusSource source;
    private static volatile RestCloudOperations operations;
    private static volatile URI baseUri;
    private static volatile CloudSimulator simulator;
    private static volatile CloudTaskAwaiter engine;

    private final java.util.function.Consumer<CloudSimulator.Builder> customizer;

    private SimBatch(java.util.function.Consumer<CloudSimulator.Builder> customizer) {
        this.customizer = customizer;
    }

    /** The JUnit extension: a simulator per test class, in virtual time. */
    public static SimBatch perClass() {
        return new SimBatch(b -> { });
    }

    /** Like {@link #perClass()}, with a simulator configured by {@code customizer} (authentication, ...). */
    public static SimBatch perClass(java.util.function.Consumer<CloudSimulator.Builder> customizer) {
        return new SimBatch(customizer);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (accelerated()) {
            throw new IllegalStateException(FACTOR_PROPERTY + " is set: SimBatch.perClass() runs in virtual time");
        }
        CloudSimulator.Builder builder = CloudSimulator.builder().clock(clock());
        customizer.accept(builder);
        CloudSimulator sim = builder.start();
        simulator = sim;
        use(sim.baseUri());
        warmUp();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        sim().reset();
        ProgressRecorder.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        CloudSimulator sim = simulator;
        simulator = null;
        source = null;
        operations = null;
        baseUri = null;
        if (sim != null) {
            sim.close();
        }
    }

    /**
     * Loads what the first job would otherwise load: the jbatch runtime with its CDI container and
     * Derby repository (a job with one empty step) and the REST client stack (one status request,
     * a 404). The request is forgotten with the reset before each test.
     */
    private static void warmUp() {
        BatchJobs.awaitEnd(BatchJobs.start("warm-up", Map.of()));
        try {
            source().fetch(TaskRef.dws(CloudSimulator.DEFAULT_PROJECT_ID, "warm-up")).toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception expected) {
            // a 404: the point was loading the client
        }
    }

    // ------------------------------------------------------------------ time

    /** Whether this JVM runs in accelerated time ({@value #FACTOR_PROPERTY} is set). */
    public static boolean accelerated() {
        return System.getProperty(FACTOR_PROPERTY) != null;
    }

    /** The JVM's virtual time (not in accelerated mode). */
    public static VirtualScheduler virtualTime() {
        synchronized (LOCK) {
            if (accelerated()) {
                throw new IllegalStateException("accelerated time: " + FACTOR_PROPERTY + " is set");
            }
            if (virtual == null) {
                virtual = new VirtualScheduler();
            }
            return virtual;
        }
    }

    /** The JVM's accelerated time (only when {@value #FACTOR_PROPERTY} is set). */
    public static AcceleratedScheduler acceleratedTime() {
        synchronized (LOCK) {
            if (accelerated == null) {
                String factor = System.getProperty(FACTOR_PROPERTY);
                String origin = System.getProperty(ORIGIN_PROPERTY);
                if (factor == null || origin == null) {
                    throw new IllegalStateException("set " + FACTOR_PROPERTY + " and " + ORIGIN_PROPERTY);
                }
                accelerated = new AcceleratedScheduler(AcceleratedClock.since(Instant.parse(origin),
                        Double.parseDouble(factor)), 2);
            }
            return accelerated;
        }
    }

    /** The clock of the jobs, the engine and (in one JVM) the simulator. */
    public static Clock clock() {
        return accelerated() ? acceleratedTime().clock() : virtualTime().clock();
    }

    /** Builds the engine over {@code source} in this JVM's time (called by {@link SimCloudProducer}). */
    static CloudTaskAwaiter newEngine(dev.cloudtask.TaskStatusSource source) {
        CloudTaskAwaiter.Builder b;
        if (accelerated()) {
            AcceleratedScheduler time = acceleratedTime();
            b = CloudTaskAwaiter.builder(source).scheduler(time).clock(time.clock())
                    .requestTimeout(time.simulated(READ_TIMEOUT.multipliedBy(2)));
        } else {
            VirtualScheduler time = virtualTime();
            b = CloudTaskAwaiter.builder(source).scheduler(time).clock(time.clock());
        }
        CloudTaskAwaiter e = b.build();
        engine = e;
        return e;
    }

    /** A status request of the current simulator, inside this JVM's time. */
    static CompletionStage<TaskStatus> fetch(TaskRef ref) {
        FETCHES.incrementAndGet();
        CompletionStage<TaskStatus> call = source().fetch(ref);
        call.whenComplete((v, e) -> (e == null ? ANSWERS : FAILURES).incrementAndGet());
        return accelerated() ? call : virtualTime().track(call);
    }

    // ------------------------------------------------------------------ driving

    /**
     * Runs the job execution to its end: moves virtual time by {@link #STEP} while the engine has
     * active waits, and lets real time pass otherwise. Fails after {@link #REAL_TIMEOUT}.
     */
    public static JobExecution runToEnd(long executionId) {
        runUntil("job execution " + executionId + " to end", () -> ENDED.contains(
                BatchJobs.operator().getJobExecution(executionId).getBatchStatus()));
        return BatchJobs.operator().getJobExecution(executionId);
    }

    /** Like {@link #runToEnd}, until {@code condition} holds. */
    public static void runUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + REAL_TIMEOUT.toNanos();
        int seen = -1;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + REAL_TIMEOUT + " (real) waiting for " + what
                        + "; virtual time " + virtualTime().now() + ", active waits " + activeWaits()
                        + ", status requests in this JVM " + FETCHES + " (answered " + ANSWERS + ", failed " + FAILURES
                        + "), queued timers " + virtualTime().queuedTasks());
            }
            int waits = activeWaits();
            if (waits != seen) {
                // a wait is registered before its first timers are planned (on the batch thread):
                // give it a moment before time moves
                seen = waits;
                pause(SETTLE);
            } else if (waits > 0) {
                virtualTime().advance(STEP);
            } else {
                pause(Duration.ofMillis(2));
            }
        }
    }

    /** Waits in real time, without moving virtual time, until {@code n} waits are active. */
    public static void awaitWaits(int n) {
        BatchJobs.awaitCondition(n + " active waits", () -> activeWaits() >= n);
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    // ------------------------------------------------------------------ wiring and state

    /** Points the jobs' task source (and the submit step) at the simulator at {@code base}. */
    public static void use(URI base) {
        use(base, null);
    }

    /**
     * Points the jobs' task source and operations at the simulator at {@code base}, with the
     * credentials of {@code auth} (null for none) as an application wires them in Java SE.
     */
    public static void use(URI base, CloudAuth auth) {
        Objects.requireNonNull(base, "base");
        CloudClients.Builder clients = CloudClients.builder().readTimeout(READ_TIMEOUT);
        for (CloudService s : CloudService.values()) {
            clients.endpoint(s, base);
        }
        if (auth != null) {
            clients.register(new CloudAuthFilter(null, auth));
        }
        CloudClients built = clients.build();
        source = auth == null ? built.taskStatusSource() : built.taskStatusSource().withCredentialRefresh(auth::refresh);
        operations = auth == null ? built.operations() : built.operations().withCredentialRefresh(auth::refresh);
        baseUri = base;
    }

    /** The current operations (the submit step's requests, to the simulator). */
    public static RestCloudOperations operations() {
        RestCloudOperations o = operations;
        if (o == null) {
            throw new IllegalStateException("no simulator: register SimBatch.perClass() or call SimBatch.use(uri)");
        }
        return o;
    }

    /** The simulator's base URI, for the submit step. */
    public static URI baseUri() {
        URI b = baseUri;
        if (b == null) {
            throw new IllegalStateException("no simulator: register SimBatch.perClass() or call SimBatch.use(uri)");
        }
        return b;
    }

    /** The current source (the real REST source over the simulator). */
    public static RestTaskStatusSource source() {
        RestTaskStatusSource s = source;
        if (s == null) {
            throw new IllegalStateException("no simulator: register SimBatch.perClass() or call SimBatch.use(uri)");
        }
        return s;
    }

    /** The simulator of the running test class. */
    public static CloudSimulator sim() {
        CloudSimulator s = simulator;
        if (s == null) {
            throw new IllegalStateException("no simulator in this JVM: register SimBatch.perClass()");
        }
        return s;
    }

    /** Active waits of the engine; 0 before the first job. */
    public static int activeWaits() {
        CloudTaskAwaiter e = engine;
        return e == null ? 0 : e.activeWaits();
    }

    /** Journal entries of the simulator for {@code endpoint}, oldest first. */
    public static List<JournalEntry> requests(Endpoint endpoint) {
        return sim().journal().entries(e -> e.endpoint() == endpoint);
    }

    /** Status requests the simulator received for the task. */
    public static long polls(TaskRef ref) {
        return sim().counters(ref).polls();
    }

    /** Status requests the simulator received for the task id. */
    public static long polls(String taskId) {
        return sim().journal().counters(taskId).polls();
    }

    /** The tasks created through operation endpoints, oldest first (the submit steps' work). */
    public static List<String> submittedTaskIds() {
        return requests(Endpoint.SUBMIT).stream().map(JournalEntry::taskId).filter(Objects::nonNull).toList();
    }
}
