package dev.cloudtask.testkit;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cloud simulator: CCE, DCS, DWS and MRS Manager task APIs, IAM tokens and the Manager login,
 * served over real HTTP(S) on 127.0.0.1, with scripted {@link Timeline timelines}, injected
 * {@link FaultPlan faults}, authentication ({@link SimAuthMode}), a per-project rate limit, and a
 * {@link Journal} of every request.
 *
 * <pre>{@code
 * try (CloudSimulator sim = CloudSimulator.builder().clock(clock).start()) {
 *     TaskRef job = sim.createTask(CloudService.DWS, Timeline.builder().duration(Duration.ofMinutes(5)).build());
 *     // point a client at sim.baseUri() and poll job ...
 *     assertEquals(1, sim.journal().counters(job.taskId()).polls());
 * }
 * }</pre>
 *
 * <p>Responses are computed from {@link #clock()} at request time. From the command line:
 * {@link #main(String[])}. Thread-safe.
 */
public final class CloudSimulator implements AutoCloseable {
    /** Project id used by {@link #createTask(CloudService, Timeline)}. */
    public static final String DEFAULT_PROJECT_ID = "05f2cff45100d5112f4bc00b794ea08e";
    /** DCS instance id used by {@link #createTask(CloudService, Timeline)}. */
    public static final String DEFAULT_INSTANCE_ID = "5560df16-cebf-4473-95c4-d1b573c16e79";
    /** Default IAM token lifetime (as the real IAM). */
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(24);
    /** Default MRS Manager session lifetime. */
    public static final Duration DEFAULT_SESSION_LIFETIME = Duration.ofMinutes(30);
    /** Default CAS ticket-granting ticket lifetime. */
    public static final Duration DEFAULT_CAS_LIFETIME = Duration.ofHours(8);

    private final Clock clock;
    private final SimCredentials credentials;
    private final SimAuthMode authMode;
    private final boolean managerSessionRequired;
    private final Map<CloudService, Timeline> defaults;
    private final TaskRegistry registry;
    private final FaultPlan faults = new FaultPlan();
    private final Journal journal = new Journal();
    private final IamTokens tokens;
    private final ManagerLogin manager;
    private final SimDispatcher dispatcher;
    private final TlsMaterial tls;
    private final SimHttpServer server;
    private final URI baseUri;

    private CloudSimulator(Builder b) throws IOException {
        this.clock = b.clock;
        this.credentials = b.credentials;
        this.authMode = b.auth;
        this.managerSessionRequired = b.managerSessionRequired;
        this.defaults = new ConcurrentHashMap<>(b.defaults);
        this.registry = new TaskRegistry(clock);
        this.tls = b.tls;
        this.tokens = new IamTokens(clock, credentials, b.tokenLifetime, DEFAULT_PROJECT_ID);
        this.manager = new ManagerLogin(clock, credentials, b.sessionLifetime, b.casLifetime, tls != null,
                b.managerSecurityCluster);
        AkSkVerifier verifier = new AkSkVerifier(credentials.accessKey(), credentials.secretKey(), clock, b.akskMaxSkew);
        SimAuth auth = new SimAuth(b.auth, tokens, verifier, manager, b.managerSessionRequired);
        this.dispatcher = new SimDispatcher(clock, registry, faults, journal, tokens, manager, auth,
                defaults, b.rateLimit == null ? null : new SimRateLimit(clock, b.rateLimit[0],
                        (int) b.rateLimit[1]));
        this.dispatcher.admin(new SimAdmin(this));
        this.server = SimHttpServer.start(b.bind, b.port, tls == null ? null : tls.serverContext(),
                dispatcher::handle, clock);
        String host = b.bind.getHostAddress();
        this.baseUri = URI.create((tls == null ? "http" : "https") + "://" + host + ":" + server.port());
    }

    /** A builder with the defaults: free port on 127.0.0.1, system UTC clock, no authentication. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts a simulator with all defaults. */
    public static CloudSimulator start() {
        return builder().start();
    }

    /** The base URI, e.g. {@code http://127.0.0.1:41234} (no trailing slash). */
    public URI baseUri() {
        return baseUri;
    }

    /** The base URL as a string, e.g. {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return baseUri.toString();
    }

    /** The bound port. */
    public int port() {
        return server.port();
    }

    /** The address the server socket is actually bound to (always a loopback address). */
    public java.net.InetSocketAddress boundAddress() {
        return server.boundAddress();
    }

    /** The clock that drives every timeline, token and session. */
    public Clock clock() {
        return clock;
    }

    /** The accepted credentials. */
    public SimCredentials credentials() {
        return credentials;
    }

    /** How calls to the CCE, DCS and DWS endpoints are authenticated. */
    public SimAuthMode authMode() {
        return authMode;
    }

    /** Whether MRS Manager API calls need a session cookie. */
    public boolean managerSessionRequired() {
        return managerSessionRequired;
    }

    /** The TLS material when serving HTTPS (its trust store is what clients should trust). */
    public Optional<TlsMaterial> tls() {
        return Optional.ofNullable(tls);
    }

    /** The fault rules; add rules at any time. */
    public FaultPlan faults() {
        return faults;
    }

    /** The request journal and per-task counters. */
    public Journal journal() {
        return journal;
    }

    /**
     * Sets the timeline of the tasks that operation endpoints create from now on for {@code service}
     * (as {@link Builder#defaultTimeline} does at start); a request's own timeline parameters still
     * win. {@link #reset()} keeps it.
     */
    public void defaultTimeline(CloudService service, Timeline timeline) {
        defaults.put(Objects.requireNonNull(service, "service"), Objects.requireNonNull(timeline, "timeline"));
    }

    /** Counters of one task. */
    public TaskCounters counters(TaskRef ref) {
        return journal.counters(ref.taskId());
    }

    /**
     * Creates a task now, with a generated id in the service's style, in {@link #DEFAULT_PROJECT_ID}
     * (and {@link #DEFAULT_INSTANCE_ID} for DCS). Not counted as a submission.
     */
    public TaskRef createTask(CloudService service, Timeline timeline) {
        Objects.requireNonNull(service, "service");
        String id = registry.newId(service);
        TaskRef ref = switch (service) {
            case CCE -> TaskRef.cce(DEFAULT_PROJECT_ID, id);
            case DCS -> TaskRef.dcs(DEFAULT_PROJECT_ID, DEFAULT_INSTANCE_ID, id);
            case DWS -> TaskRef.dws(DEFAULT_PROJECT_ID, id);
            case MRS -> TaskRef.mrs(id);
        };
        return createTask(ref, timeline);
    }

    /**
     * Creates a task now under exactly this reference. Not counted as a submission.
     *
     * @throws IllegalArgumentException when the id is taken, or (MRS) the id or failure code is not an integer
     */
    public TaskRef createTask(TaskRef ref, Timeline timeline) {
        registry.create(Objects.requireNonNull(ref, "ref"), null, Objects.requireNonNull(timeline, "timeline"));
        return ref;
    }

    /** A task by service and id. */
    public Optional<SimTask> task(CloudService service, String taskId) {
        return registry.find(service, taskId);
    }

    /** All tasks. */
    public List<SimTask> tasks() {
        return registry.all();
    }

    /** Issues a valid IAM token without the HTTP round trip (for tests that are not about login). */
    public String issueToken() {
        return tokens.issue();
    }

    /** Makes every issued IAM token expired. */
    public void expireTokens() {
        tokens.expireAll();
    }

    /** Makes every MRS Manager session expired (CAS ticket-granting tickets stay valid). */
    public void expireSessions() {
        manager.expireAll();
    }

    /** Makes every CAS ticket-granting ticket ({@code CASTGC}) expired: the next login needs the password. */
    public void expireCasTickets() {
        manager.expireGrantingTickets();
    }

    /**
     * Switches the MRS Manager between a security (Kerberos) cluster, whose {@code login_check} sends
     * a client without a session through CAS, and a normal one (see
     * {@link Builder#managerSecurityCluster(boolean)}).
     */
    public void managerSecurityCluster(boolean value) {
        manager.securityCluster(value);
    }

    /**
     * Whether CAS answers a correct password of the Manager user with a redirect to
     * {@code modify_password.html} (the user must change the password first) instead of logging in.
     */
    public void managerPasswordChangeRequired(boolean value) {
        manager.passwordChangeRequired(value);
    }

    /**
     * Runs the IAM token service's clock {@code skew} ahead of the simulator's clock (negative: behind):
     * {@code issued_at}, {@code expires_at} and the token response's {@code Date} header are shifted,
     * while tokens stay valid for their lifetime on the simulator's clock.
     */
    public void iamClockSkew(Duration skew) {
        tokens.clockSkew(Objects.requireNonNull(skew, "skew"));
    }

    /** Changes the lifetime of tokens issued from now on. */
    public void tokenLifetime(Duration lifetime) {
        tokens.lifetime(requirePositive("tokenLifetime", lifetime));
    }

    /** Changes the lifetime of Manager sessions created from now on. */
    public void sessionLifetime(Duration lifetime) {
        manager.sessionLifetime(requirePositive("sessionLifetime", lifetime));
    }

    /**
     * Sets (or with {@code perSecond <= 0}, removes) the per-project rate limit: a token bucket of
     * {@code burst} requests refilled at {@code perSecond} on the simulator's clock; over it, 429.
     */
    public void rateLimit(double perSecond, int burst) {
        dispatcher.rateLimiter(perSecond <= 0 ? null : new SimRateLimit(clock, perSecond, burst));
    }

    /** Number of open client connections (for leak checks). */
    public int openConnections() {
        return server.openConnections();
    }

    /** The name prefix of the server's threads, for leak checks. */
    String threadPrefix() {
        return server.threadPrefix();
    }

    /** Forgets tasks, fault rules, journal and counters (tokens and sessions stay valid). */
    public void reset() {
        registry.clear();
        faults.clear();
        journal.clear();
    }

    /** Stops serving: closes every connection (ending hanging responses) and its threads. Idempotent. */
    @Override
    public void close() {
        server.close();
    }

    /** Command-line entry point; see {@link CloudSimulatorMain}. */
    public static void main(String[] args) throws Exception {
        CloudSimulatorMain.run(args, System.out);
    }

    @Override
    public String toString() {
        return "CloudSimulator[" + baseUri + "]";
    }

    private static Duration requirePositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " '" + d + "' must be > 0");
        }
        return d;
    }

    /** Configures and starts a {@link CloudSimulator}. */
    public static final class Builder {
        private InetAddress bind = InetAddress.getLoopbackAddress();
        private int port;
        private Clock clock = Clock.systemUTC();
        private SimAuthMode auth = SimAuthMode.NONE;
        private boolean managerSessionRequired;
        private boolean managerSecurityCluster;
        private SimCredentials credentials = SimCredentials.DEFAULTS;
        private Duration tokenLifetime = DEFAULT_TOKEN_LIFETIME;
        private Duration sessionLifetime = DEFAULT_SESSION_LIFETIME;
        private Duration casLifetime = DEFAULT_CAS_LIFETIME;
        private Duration akskMaxSkew;
        private double[] rateLimit;
        private TlsMaterial tls;
        private final Map<CloudService, Timeline> defaults = new EnumMap<>(CloudService.class);

        private Builder() {
            for (CloudService s : CloudService.values()) {
                defaults.put(s, Timeline.defaults(s));
            }
        }

        /** The port, 0 (default) for a free one. */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port '" + value + "' must be within 0..65535");
            }
            this.port = value;
            return this;
        }

        /** The clock (default system UTC); a {@link VirtualClock} for tests, an {@link AcceleratedClock} for demos. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Authentication for CCE, DCS and DWS (default {@link SimAuthMode#NONE}). */
        public Builder auth(SimAuthMode value) {
            this.auth = Objects.requireNonNull(value, "auth");
            return this;
        }

        /** Whether MRS Manager API calls need a {@code JSESSIONID} session cookie (default false). */
        public Builder managerSessionRequired(boolean value) {
            this.managerSessionRequired = value;
            return this;
        }

        /**
         * Whether the MRS Manager is a security (Kerberos) cluster (default false, a normal cluster):
         * its {@code login_check} sends a client without a session through the CAS login
         * ({@code /cas/login}, {@code /web/cas_security_check.htm}) instead of opening a session at once.
         */
        public Builder managerSecurityCluster(boolean value) {
            this.managerSecurityCluster = value;
            return this;
        }

        /** The accepted credentials (default {@link SimCredentials#DEFAULTS}). */
        public Builder credentials(SimCredentials value) {
            this.credentials = Objects.requireNonNull(value, "credentials");
            KnownSecrets.register(value.iamPassword());
            KnownSecrets.register(value.secretKey());
            KnownSecrets.register(value.managerPassword());
            return this;
        }

        /** IAM token lifetime (default 24 h). */
        public Builder tokenLifetime(Duration value) {
            this.tokenLifetime = requirePositive("tokenLifetime", value);
            return this;
        }

        /** Manager session lifetime (default 30 min). */
        public Builder sessionLifetime(Duration value) {
            this.sessionLifetime = requirePositive("sessionLifetime", value);
            return this;
        }

        /** CAS ticket-granting ticket lifetime (default 8 h). */
        public Builder casLifetime(Duration value) {
            this.casLifetime = requirePositive("casLifetime", value);
            return this;
        }

        /** Largest accepted {@code X-Sdk-Date} skew from the simulator clock (default: not checked). */
        public Builder akskMaxSkew(Duration value) {
            this.akskMaxSkew = requirePositive("akskMaxSkew", value);
            return this;
        }

        /** Per-project rate limit: {@code perSecond} refill, {@code burst} bucket size (default none). */
        public Builder rateLimit(double perSecond, int burst) {
            new SimRateLimit(Clock.systemUTC(), perSecond, burst); // validates
            this.rateLimit = new double[] {perSecond, burst};
            return this;
        }

        /** The timeline of tasks created through {@code service}'s operation endpoint. */
        public Builder defaultTimeline(CloudService service, Timeline timeline) {
            defaults.put(Objects.requireNonNull(service, "service"), Objects.requireNonNull(timeline, "timeline"));
            return this;
        }

        /** Serves HTTPS with a freshly generated self-signed certificate ({@link TlsMaterial#selfSigned()}). */
        public Builder https() {
            return https(TlsMaterial.selfSigned());
        }

        /** Serves HTTPS with the given key material. */
        public Builder https(TlsMaterial value) {
            this.tls = Objects.requireNonNull(value, "tls");
            return this;
        }

        /**
         * Binds and starts serving.
         *
         * @throws UncheckedIOException when the port cannot be bound
         */
        public CloudSimulator start() {
            try {
                return new CloudSimulator(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the cloud simulator on port " + port + ": "
                        + e.getMessage(), e);
            }
        }
    }
}
