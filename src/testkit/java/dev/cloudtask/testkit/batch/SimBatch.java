package dev.cloudtask.testkit.batch;

import dev.cloudtask.CloudService;
import dev.cloudtask.CloudTaskAwaiter;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.TaskStatusSource;
import dev.cloudtask.auth.CloudAuth;
import dev.cloudtask.auth.CloudAuthFilter;
import dev.cloudtask.client.CloudClients;
import dev.cloudtask.client.CloudOperations;
import dev.cloudtask.client.OperationAnswer;
import dev.cloudtask.client.OperationRequest;
import dev.cloudtask.client.RestCloudOperations;
import dev.cloudtask.client.RestTaskStatusSource;
import dev.cloudtask.testkit.CloudSimulator;
import dev.cloudtask.testkit.Endpoint;
import dev.cloudtask.testkit.JournalEntry;
import dev.cloudtask.testkit.SimCredentials;
import dev.cloudtask.testkit.VirtualClock;
import dev.cloudtask.testkit.VirtualScheduler;
import com.ibm.jbatch.spi.BatchSPIManager;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Batch jobs on the jbatch runtime in Java SE against a {@link CloudSimulator}: the library's batch
 * artifacts run for real, their {@code TaskStatusSource} is the library's REST source over
 * {@link CloudClients} pointed at the simulator (authenticated as the simulator requires), and
 * their {@code CloudTaskAwaiter} is the library's polling engine, and the {@code submitCloudTask}
 * step's {@code CloudOperations} are the library's operation clients over the same simulator. {@link SimCloudBeans} hands
 * both to the artifacts; {@link SimBatchArtifactFactory} (registered by {@link #connect}) adds that
 * producer to jbatch's CDI container. jbatch runs jobs on its own real threads.
 *
 * <p><b>Time.</b> When the simulator's clock is a {@link VirtualClock} (the default of
 * {@link dev.cloudtask.testkit.WithCloudSimulator}), the engine runs on a {@link VirtualScheduler}
 * over that clock: remote timelines, poll times and timeouts are exact and do not depend on how
 * loaded the machine is. Time moves only when the test drives it: {@link #runToEnd(long)} advances
 * it while the job waits (the engine has active waits) and lets real time pass otherwise (steps
 * starting and ending, a submit step's HTTP call); every status request is a real HTTP call during
 * which virtual time stands still ({@link VirtualScheduler#track}). Six hours of remote time pass in
 * about a second. With any other clock the engine runs on its own threads and the test waits in
 * real time.
 *
 * <p><b>Use.</b> In a JUnit 5 test, {@link WithJBatch} connects one per test class and injects it;
 * a program (for example a job JVM of a restart test) calls
 * {@link #connect(URI, ScheduledExecutorService, Clock, Duration)} before its first job. One is
 * connected per JVM at a time ({@link #current()}), as jbatch and its CDI container are one per JVM.
 */
public final class SimBatch implements AutoCloseable {
    /** How far {@link #runToEnd} moves virtual time per round while the job waits. */
    public static final Duration STEP = Duration.ofMinutes(1);
    /** Real time given to a new wait to plan its timers before virtual time moves. */
    static final Duration SETTLE = Duration.ofMillis(20);
    /** Real-time bound of {@link #runToEnd} and {@link #runUntil}. */
    public static final Duration REAL_TIMEOUT = Duration.ofSeconds(60);
    /** Read timeout of the REST clients (real time; ends a hanging request). */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private static final Set<BatchStatus> ENDED = Set.of(BatchStatus.COMPLETED, BatchStatus.FAILED,
            BatchStatus.STOPPED, BatchStatus.ABANDONED);
    private static volatile SimBatch current;

    private final CloudSimulator simulator;
    private final URI baseUri;
    private final Clock clock;
    private final VirtualScheduler virtual;
    private final CloudClients clients;
    private final RestTaskStatusSource source;
    private final RestCloudOperations operations;
    private final CloudTaskAwaiter engine;
    private final AtomicLong fetches = new AtomicLong();
    private final AtomicLong answers = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    private SimBatch(CloudSimulator simulator, URI baseUri, Clock clock, ScheduledExecutorService scheduler,
            Duration requestTimeout, CloudClients clients, CloudAuth auth) {
        this.simulator = simulator;
        this.baseUri = baseUri;
        this.clock = clock;
        this.virtual = scheduler == null && clock instanceof VirtualClock v ? new VirtualScheduler(v) : null;
        this.clients = clients;
        this.source = auth == null ? clients.taskStatusSource()
                : clients.taskStatusSource().withCredentialRefresh(auth::refresh);
        this.operations = auth == null ? clients.operations()
                : clients.operations().withCredentialRefresh(auth::refresh);
        CloudTaskAwaiter.Builder engine = CloudTaskAwaiter.builder(new Tracked(this)).clock(clock);
        if (virtual != null) {
            engine.scheduler(virtual);
        } else if (scheduler != null) {
            engine.scheduler(scheduler);
        }
        if (requestTimeout != null) {
            engine.requestTimeout(requestTimeout);
        }
        this.engine = engine.build();
    }

    /**
     * Points the jobs of this JVM at {@code sim}: in virtual time when its clock is a
     * {@link VirtualClock}, otherwise in the simulator's clock on the engine's own threads.
     * HTTPS simulators are not supported (the clients would need its trust store).
     *
     * @throws IllegalStateException when another one is connected
     */
    public static SimBatch connect(CloudSimulator sim) {
        Objects.requireNonNull(sim, "sim");
        if (sim.tls().isPresent()) {
            throw new IllegalArgumentException("simulator " + sim.baseUrl()
                    + " serves HTTPS: the batch harness connects to an HTTP simulator only");
        }
        CloudAuth auth = auth(sim);
        return register(new SimBatch(sim, sim.baseUri(), sim.clock(), null, null, clients(sim.baseUri(), auth), auth));
    }

    /**
     * Points the jobs of this JVM at a simulator in another process, without authentication, with
     * the engine on {@code scheduler} reading {@code clock} (for example an accelerated clock shared
     * with that process).
     *
     * @param requestTimeout the engine's bound on one status request, in {@code clock}'s time
     * @throws IllegalStateException when another one is connected
     */
    public static SimBatch connect(URI baseUri, ScheduledExecutorService scheduler, Clock clock,
            Duration requestTimeout) {
        Objects.requireNonNull(baseUri, "baseUri");
        return register(new SimBatch(null, baseUri, Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(scheduler, "scheduler"), Objects.requireNonNull(requestTimeout, "requestTimeout"),
                clients(baseUri, null), null));
    }

    /**
     * The one connected in this JVM.
     *
     * @throws IllegalStateException when none is
     */
    public static SimBatch current() {
        SimBatch b = current;
        if (b == null) {
            throw new IllegalStateException("no simulator connected for batch jobs: annotate the test class with"
                    + " @WithJBatch, or call SimBatch.connect(...) before the first job");
        }
        return b;
    }

    private static synchronized SimBatch register(SimBatch batch) {
        if (current != null) {
            batch.closeEngineAndClients();
            throw new IllegalStateException("a simulator is already connected for batch jobs in this JVM ("
                    + current.baseUri + "); close it first");
        }
        BatchSPIManager.getInstance().registerBatchContainerOverrideProperties(seServices());
        current = batch;
        return batch;
    }

    /**
     * The jbatch services of Java SE: no JNDI, thread pool that grows, artifacts are beans of a Weld
     * SE container that includes {@link SimCloudBeans}. They take precedence over
     * {@code META-INF/services/batch-services.properties}; the job repository stays as the
     * application configures it ({@code META-INF/services/batch-config.properties}).
     */
    private static Properties seServices() {
        Properties p = new Properties();
        p.setProperty("J2SE_MODE", "true");
        p.setProperty("CONTAINER_ARTIFACT_FACTORY_SERVICE", SimBatchArtifactFactory.class.getName());
        p.setProperty("BATCH_THREADPOOL_SERVICE", "com.ibm.jbatch.container.services.impl.GrowableThreadPoolServiceImpl");
        return p;
    }

    /** The library's REST clients pointed at {@code base} (all four services), with {@code auth} when not null. */
    private static CloudClients clients(URI base, CloudAuth auth) {
        CloudClients.Builder clients = CloudClients.builder().readTimeout(READ_TIMEOUT);
        for (CloudService s : CloudService.values()) {
            clients.endpoint(s, base);
        }
        if (auth != null) {
            clients.register(new CloudAuthFilter(null, auth));
        }
        return clients.build();
    }

    /** The library's authentication configured with the simulator's credentials, or null when it needs none. */
    private static CloudAuth auth(CloudSimulator sim) {
        Map<String, String> config = new HashMap<>();
        SimCredentials c = sim.credentials();
        String mode = switch (sim.authMode()) {
            case NONE -> null;
            case IAM_TOKEN, IAM_TOKEN_OR_AKSK -> "iam";
            case AKSK -> "aksk";
        };
        if (mode != null) {
            for (CloudService s : List.of(CloudService.CCE, CloudService.DCS, CloudService.DWS)) {
                config.put("cloudtask." + s.name().toLowerCase(Locale.ROOT) + ".auth", mode);
            }
            config.put("cloudtask.iam.url", sim.baseUrl());
            config.put("cloudtask.iam.user", c.iamUser());
            config.put("cloudtask.iam.password", c.iamPassword());
            config.put("cloudtask.iam.domain", c.iamDomain());
            config.put("cloudtask.aksk.access-key", c.accessKey());
            config.put("cloudtask.aksk.secret-key", c.secretKey());
        }
        if (sim.managerSessionRequired()) {
            config.put("cloudtask.mrs.auth", "mrs-session");
            config.put("cloudtask.mrs.session.manager-url", sim.baseUrl());
            config.put("cloudtask.mrs.session.user", c.managerUser());
            config.put("cloudtask.mrs.session.password", c.managerPassword());
        }
        if (config.isEmpty()) {
            return null;
        }
        return CloudAuth.fromConfig(new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(config, "cloud simulator " + sim.baseUrl(), 500)).build(),
                sim.clock());
    }

    /**
     * The operations of the {@code submitCloudTask} step: the library's {@link RestCloudOperations}
     * over the same clients as the status requests, stamping submissions with this harness's clock.
     */
    public CloudOperations operations() {
        return new Operations(this);
    }

    /** The harness's operations on its clock. */
    private record Operations(SimBatch batch) implements CloudOperations {
        @Override
        public OperationAnswer send(OperationRequest request) {
            return batch.operations.send(request);
        }

        @Override
        public boolean refreshCredentials(CloudService service, String projectId) {
            return batch.operations.refreshCredentials(service, projectId);
        }

        @Override
        public Clock clock() {
            return batch.clock;
        }
    }

    /** Ends the engine, closes the REST clients and lets another simulator connect. */
    @Override
    public void close() {
        synchronized (SimBatch.class) {
            if (current == this) {
                current = null;
            }
        }
        closeEngineAndClients();
    }

    private void closeEngineAndClients() {
        engine.close();
        for (Object client : List.of(clients.cce(), clients.dcs(), clients.dws(), clients.mrs())) {
            if (client instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing the REST client of " + baseUri + " failed", e);
                }
            }
        }
    }

    // ------------------------------------------------------------------ for the batch artifacts

    /** The awaiter of the jobs (handed out by {@link SimCloudBeans}). */
    CloudTaskAwaiter awaiter() {
        return engine;
    }

    /** A status request of the simulator, inside this harness's time. */
    CompletionStage<TaskStatus> fetch(TaskRef ref) {
        fetches.incrementAndGet();
        CompletionStage<TaskStatus> call = source.fetch(ref);
        call.whenComplete((v, e) -> (e == null ? answers : failures).incrementAndGet());
        return virtual == null ? call : virtual.track(call);
    }

    /** Renews the credentials after a 401 (through the library's authentication). */
    boolean refreshCredentials(TaskRef ref) {
        return source.refreshCredentials(ref);
    }

    /** The engine's task source: the status requests of its harness, in the harness's time. */
    private record Tracked(SimBatch batch) implements TaskStatusSource {
        @Override
        public CompletionStage<TaskStatus> fetch(TaskRef ref) {
            return batch.fetch(ref);
        }

        @Override
        public boolean refreshCredentials(TaskRef ref) {
            return batch.refreshCredentials(ref);
        }

        @Override
        public String toString() {
            return "Tracked[" + batch.baseUri + "]";
        }
    }

    // ------------------------------------------------------------------ driving

    /** Starts job {@code jobXml} with {@code params} and runs it to its end ({@link #runToEnd}). */
    public JobExecution run(String jobXml, Map<String, String> params) {
        return runToEnd(BatchJobs.start(jobXml, params));
    }

    /**
     * Runs the job execution to its end: moves virtual time by {@link #STEP} while the engine has
     * active waits, and lets real time pass otherwise. Fails after {@link #REAL_TIMEOUT}.
     */
    public JobExecution runToEnd(long executionId) {
        runUntil("job execution " + executionId + " to end", () -> ENDED.contains(
                BatchJobs.operator().getJobExecution(executionId).getBatchStatus()));
        return BatchJobs.operator().getJobExecution(executionId);
    }

    /** Like {@link #runToEnd}, until {@code condition} holds. */
    public void runUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + REAL_TIMEOUT.toNanos();
        int seen = -1;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + REAL_TIMEOUT + " (real) waiting for " + what
                        + "; time " + clock.instant() + ", active waits " + activeWaits()
                        + ", status requests " + fetches + " (answered " + answers + ", failed " + failures + ")"
                        + (virtual == null ? "" : ", queued timers " + virtual.queuedTasks()));
            }
            int waits = activeWaits();
            if (virtual == null) {
                pause(Duration.ofMillis(10));
            } else if (waits != seen) {
                // a wait is registered before its first timers are planned (on the batch thread):
                // give it a moment before time moves
                seen = waits;
                pause(SETTLE);
            } else if (waits > 0) {
                virtual.advance(STEP);
            } else {
                pause(Duration.ofMillis(2));
            }
        }
    }

    /** Waits in real time, without moving virtual time, until {@code n} waits are active. */
    public void awaitWaits(int n) {
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

    // ------------------------------------------------------------------ state

    /** The simulator (in this JVM). */
    public CloudSimulator simulator() {
        if (simulator == null) {
            throw new IllegalStateException("the simulator at " + baseUri + " runs in another process");
        }
        return simulator;
    }

    /** The simulator's base URI, for submit steps. */
    public URI baseUri() {
        return baseUri;
    }

    /** The clock of the engine and the simulator: the time a submit step publishes its tasks at. */
    public Clock clock() {
        return clock;
    }

    /** The virtual time, when the simulator's clock is a {@link VirtualClock}. */
    public VirtualScheduler virtualTime() {
        if (virtual == null) {
            throw new IllegalStateException("not in virtual time: the simulator's clock is " + clock);
        }
        return virtual;
    }

    /** Waits the engine is running now. */
    public int activeWaits() {
        return engine.activeWaits();
    }

    /** Journal entries of the simulator for {@code endpoint}, oldest first. */
    public List<JournalEntry> requests(Endpoint endpoint) {
        return simulator().journal().entries(e -> e.endpoint() == endpoint);
    }

    /** Status requests the simulator received for the task. */
    public long polls(TaskRef ref) {
        return simulator().counters(ref).polls();
    }

    /** Status requests the simulator received for the task id. */
    public long polls(String taskId) {
        return simulator().journal().counters(taskId).polls();
    }

    /** The tasks created through the simulator's operation endpoints, oldest first (the submit steps' work). */
    public List<String> submittedTaskIds() {
        return requests(Endpoint.SUBMIT).stream().map(JournalEntry::taskId).filter(Objects::nonNull).toList();
    }

    @Override
    public String toString() {
        return "SimBatch[" + baseUri + ", " + (virtual == null ? "clock " + clock : "virtual time") + "]";
    }
}
