package dev.cloudtask.client;

import dev.cloudtask.CloudService;
import dev.cloudtask.auth.CloudAuthFilter;
import dev.cloudtask.cce.CceJobClient;
import dev.cloudtask.cce.CceOperationClient;
import dev.cloudtask.dcs.DcsOperationClient;
import dev.cloudtask.dcs.DcsTaskClient;
import dev.cloudtask.dws.DwsJobClient;
import dev.cloudtask.dws.DwsOperationClient;
import dev.cloudtask.internal.LenientJson;
import dev.cloudtask.mrs.MrsCommandClient;
import dev.cloudtask.mrs.MrsOperationClient;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * The four REST clients built for Java SE (or any code that does not inject them), with
 * {@link RestClientBuilder}:
 *
 * <pre>{@code
 * CloudClients clients = CloudClients.builder()
 *         .endpoint(CloudService.CCE, URI.create("https://cce.eu-de.otc.t-systems.com"))
 *         .endpoint(CloudService.MRS, URI.create("https://192.0.2.10:28443"))   // the cluster's Manager
 *         .readTimeout(Duration.ofSeconds(20))
 *         .register(myAuthFilter)                                               // every client
 *         .build();
 * TaskStatusSource source = clients.taskStatusSource();
 * }</pre>
 *
 * <p>Only services with an endpoint get a client; asking for another one throws
 * {@link IllegalStateException}. Defaults: connect timeout {@link #DEFAULT_CONNECT_TIMEOUT}, read
 * timeout {@link #DEFAULT_READ_TIMEOUT}, response cap {@link #DEFAULT_MAX_RESPONSE_BYTES}.
 *
 * <p>{@link #close()} closes the clients and the request threads this object started; an
 * application that builds one for its lifetime may leave that to the end of the JVM.
 *
 * <p>Each client gets each provider once: the response reader with the builder's cap, the service's
 * {@link CloudErrorMapper}, one {@link CloudAuthFilter} (the one given to {@link Builder#register},
 * else one for the configured credentials) and the providers given to the builder.
 */
public final class CloudClients implements AutoCloseable {
    /** Default connect timeout: 10 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default read timeout: 30 s. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Threads per client that carry asynchronous calls when no {@link Builder#executor executor} is
     * given: at most this many requests of one service are in flight at once (each holds its thread
     * until answered or the read timeout). RESTEasy's own default allowed only 5, so five hanging
     * requests stopped every poll of that service until the read timeout.
     */
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 50;
    /** Default cap on a response body: 8 MiB, far above any real progress response. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = LenientJson.DEFAULT_MAX_BYTES;

    private static final Logger LOG = Logger.getLogger(CloudClients.class.getName());

    private final Map<CloudService, Object> clients;
    private final Map<CloudService, Object> operationClients;
    private final List<ExecutorService> ownPools;
    private final long maxResponseBytes;

    private CloudClients(Map<CloudService, Object> clients, Map<CloudService, Object> operationClients,
            List<ExecutorService> ownPools, long maxResponseBytes) {
        this.clients = clients;
        this.operationClients = operationClients;
        this.ownPools = ownPools;
        this.maxResponseBytes = maxResponseBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether {@code service} has a client (an endpoint was given). */
    public boolean has(CloudService service) {
        return clients.containsKey(service);
    }

    public CceJobClient cce() {
        return client(CloudService.CCE, CceJobClient.class);
    }

    public DcsTaskClient dcs() {
        return client(CloudService.DCS, DcsTaskClient.class);
    }

    public DwsJobClient dws() {
        return client(CloudService.DWS, DwsJobClient.class);
    }

    public MrsCommandClient mrs() {
        return client(CloudService.MRS, MrsCommandClient.class);
    }

    /** A status source over these clients; services without an endpoint fail their fetches. */
    public RestTaskStatusSource taskStatusSource() {
        return new RestTaskStatusSource(
                (CceJobClient) clients.get(CloudService.CCE), (DcsTaskClient) clients.get(CloudService.DCS),
                (DwsJobClient) clients.get(CloudService.DWS), (MrsCommandClient) clients.get(CloudService.MRS));
    }

    /**
     * The operation sender over these endpoints (the {@code submitCloudTask} step's requests), with
     * the same providers, timeouts and response cap; a 401 renews nothing unless
     * {@link RestCloudOperations#withCredentialRefresh} says how.
     */
    public RestCloudOperations operations() {
        Map<CloudService, java.util.function.Supplier<?>> m = new EnumMap<>(CloudService.class);
        operationClients.forEach((service, client) -> m.put(service, () -> client));
        long cap = maxResponseBytes;
        return new RestCloudOperations(m, () -> cap, (s, p) -> false);
    }

    /**
     * Closes every client (and with it its connections) and shuts down the request threads this
     * object started; an {@link Builder#executor executor} given to the builder stays the caller's.
     * Requests made through these clients afterwards fail. Closing again does nothing.
     */
    @Override
    public void close() {
        List<Object> all = new ArrayList<>(clients.values());
        all.addAll(operationClients.values());
        for (Object c : all) {
            try {
                ((AutoCloseable) c).close(); // MicroProfile REST Client proxies are AutoCloseable
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing a REST client failed: " + e, e);
            }
        }
        ownPools.forEach(ExecutorService::shutdown);
    }

    private <T> T client(CloudService service, Class<T> type) {
        Object c = clients.get(service);
        if (c == null) {
            throw new IllegalStateException("no endpoint given for " + service + ": call endpoint(CloudService."
                    + service + ", uri) on the builder");
        }
        return type.cast(c);
    }

    /** The REST client interface of {@code service}. */
    public static Class<?> clientInterface(CloudService service) {
        return switch (service) {
            case CCE -> CceJobClient.class;
            case DCS -> DcsTaskClient.class;
            case DWS -> DwsJobClient.class;
            case MRS -> MrsCommandClient.class;
        };
    }

    /** The operation client interface of {@code service} (used by {@code submitCloudTask}). */
    public static Class<?> operationInterface(CloudService service) {
        return switch (service) {
            case CCE -> CceOperationClient.class;
            case DCS -> DcsOperationClient.class;
            case DWS -> DwsOperationClient.class;
            case MRS -> MrsOperationClient.class;
        };
    }

    /*
     * The interfaces this class builds: the same requests as the public ones, without their
     * @RegisterProvider annotations (which a RestClientBuilder applies on top of whatever was
     * registered on it, and RESTEasy then warns about each provider registered twice). build()
     * registers every provider itself, once.
     */

    @Produces(MediaType.APPLICATION_JSON)
    interface Cce extends CceJobClient {
    }

    @Produces(MediaType.APPLICATION_JSON)
    interface Dcs extends DcsTaskClient {
    }

    @Produces(MediaType.APPLICATION_JSON)
    interface Dws extends DwsJobClient {
    }

    @Produces(MediaType.APPLICATION_JSON)
    interface Mrs extends MrsCommandClient {
    }

    @Produces(MediaType.APPLICATION_JSON)
    interface CceOperations extends CceOperationClient {
    }

    @Produces(MediaType.APPLICATION_JSON)
    interface DcsOperations extends DcsOperationClient {
    }

    @Produces(MediaType.APPLICATION_JSON)
    interface DwsOperations extends DwsOperationClient {
    }

    @Produces(MediaType.APPLICATION_JSON)
    interface MrsOperations extends MrsOperationClient {
    }

    private static Class<?> builtOperationInterface(CloudService service) {
        return switch (service) {
            case CCE -> CceOperations.class;
            case DCS -> DcsOperations.class;
            case DWS -> DwsOperations.class;
            case MRS -> MrsOperations.class;
        };
    }

    private static Class<?> builtInterface(CloudService service) {
        return switch (service) {
            case CCE -> Cce.class;
            case DCS -> Dcs.class;
            case DWS -> Dws.class;
            case MRS -> Mrs.class;
        };
    }

    private static Class<? extends CloudErrorMapper> errorMapper(CloudService service) {
        return switch (service) {
            case CCE -> CloudErrorMapper.Cce.class;
            case DCS -> CloudErrorMapper.Dcs.class;
            case DWS -> CloudErrorMapper.Dws.class;
            case MRS -> CloudErrorMapper.Mrs.class;
        };
    }

    /** Collects endpoints and options; {@link #build()} creates the clients. Not thread-safe. */
    public static final class Builder {
        private final Map<CloudService, URI> endpoints = new EnumMap<>(CloudService.class);
        private final List<Object> providers = new ArrayList<>();
        private final Map<CloudService, List<Object>> serviceProviders = new EnumMap<>(CloudService.class);
        private final Map<CloudService, List<Consumer<RestClientBuilder>>> customizers = new EnumMap<>(CloudService.class);
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private ExecutorService executor;

        private Builder() {
        }

        /**
         * The base URL of a service: scheme, host, port, no path (e.g.
         * {@code https://dcs.eu-de.otc.t-systems.com}; for MRS the Manager, {@code https://<ip>:28443}).
         *
         * @throws IllegalArgumentException naming the service when the URI is not absolute http(s)
         */
        public Builder endpoint(CloudService service, URI baseUri) {
            Objects.requireNonNull(service, "service");
            String scheme = baseUri == null ? null : baseUri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || baseUri.getHost() == null) {
                throw new IllegalArgumentException("endpoint for " + service.id() + " '" + baseUri
                        + "' must be an absolute http or https URL such as https://host:443");
            }
            endpoints.put(service, baseUri);
            return this;
        }

        /** Same as {@link #endpoint(CloudService, URI)} with a string. */
        public Builder endpoint(CloudService service, String baseUri) {
            try {
                return endpoint(service, baseUri == null ? null : URI.create(baseUri.strip()));
            } catch (IllegalArgumentException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("endpoint for")) {
                    throw e;
                }
                throw new IllegalArgumentException("endpoint for " + service.id() + " '" + baseUri
                        + "' is not a URL", e);
            }
        }

        /** Connect timeout for every client; must be positive. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive("connectTimeout", timeout);
            return this;
        }

        /** Read timeout for every client; must be positive. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive("readTimeout", timeout);
            return this;
        }

        /** Largest response body read, in bytes; over it a call fails with a CloudServiceException. */
        public Builder maxResponseBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxResponseBytes '" + bytes + "' must be positive");
            }
            this.maxResponseBytes = bytes;
            return this;
        }

        /**
         * The executor that carries the clients' asynchronous calls (default: a pool of
         * {@link #DEFAULT_MAX_CONCURRENT_REQUESTS} daemon threads per client). A request holds a thread
         * until it is answered or its read timeout passes, so the executor bounds the requests in flight.
         */
        public Builder executor(ExecutorService executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * A provider (filter, interceptor, ... ; a class or an instance) for every client. A
         * {@link CloudAuthFilter} given here (or for one service) is the client's only
         * {@code CloudAuthFilter}; without one each client gets one for the configured credentials.
         */
        public Builder register(Object provider) {
            providers.add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /**
         * A provider (a class or an instance) for one service's client only; it replaces a provider
         * of the same class given for every client.
         */
        public Builder register(CloudService service, Object provider) {
            serviceProviders.computeIfAbsent(service, s -> new ArrayList<>())
                    .add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /** Any other setting of one service's {@link RestClientBuilder} (trust store, hostname verifier, ...). */
        public Builder customize(CloudService service, Consumer<RestClientBuilder> customizer) {
            customizers.computeIfAbsent(service, s -> new ArrayList<>())
                    .add(Objects.requireNonNull(customizer, "customizer"));
            return this;
        }

        /** Builds one client per service with an endpoint. */
        public CloudClients build() {
            Map<CloudService, Object> built = new EnumMap<>(CloudService.class);
            Map<CloudService, Object> operations = new EnumMap<>(CloudService.class);
            List<ExecutorService> pools = new ArrayList<>();
            endpoints.forEach((service, uri) -> {
                built.put(service, build(service, uri, false, pools));
                operations.put(service, build(service, uri, true, pools));
            });
            return new CloudClients(built, operations, List.copyOf(pools), maxResponseBytes);
        }

        private Object build(CloudService service, URI uri, boolean operations, List<ExecutorService> pools) {
            RestClientBuilder b = RestClientBuilder.newBuilder()
                    .baseUri(uri)
                    .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .register(new LenientJsonReader(maxResponseBytes))
                    .register(errorMapper(service), CloudErrorMapper.PRIORITY);
            if (operations) {
                b.register(OperationPathFilter.class, OperationPathFilter.PRIORITY);
            }
            if (executor != null) {
                b.executorService(executor);
            } else {
                ExecutorService pool = ownPool(service);
                pools.add(pool);
                b.executorService(pool);
            }
            List<Object> own = serviceProviders.getOrDefault(service, List.of());
            List<Object> given = new ArrayList<>();
            providers.stream().filter(p -> own.stream().noneMatch(o -> providerClass(o) == providerClass(p)))
                    .forEach(given::add);
            given.addAll(own);
            if (given.stream().noneMatch(Builder::isAuthFilter)) {
                b.register(CloudAuthFilter.class);
            }
            for (Object p : given) {
                if (p instanceof Class<?> c) {
                    b.register(c);
                } else {
                    b.register(p);
                }
            }
            customizers.getOrDefault(service, List.of()).forEach(c -> c.accept(b));
            Class<?> type = operations ? builtOperationInterface(service) : builtInterface(service);
            return b.build(type);
        }

        private static Class<?> providerClass(Object provider) {
            return provider instanceof Class<?> c ? c : provider.getClass();
        }

        private static boolean isAuthFilter(Object provider) {
            return provider instanceof CloudAuthFilter
                    || provider instanceof Class<?> c && CloudAuthFilter.class.isAssignableFrom(c);
        }

        /** A pool of daemon threads for one client; idle threads end after 60 s, so nothing needs closing. */
        private static ExecutorService ownPool(CloudService service) {
            AtomicInteger n = new AtomicInteger();
            ThreadPoolExecutor pool = new ThreadPoolExecutor(DEFAULT_MAX_CONCURRENT_REQUESTS,
                    DEFAULT_MAX_CONCURRENT_REQUESTS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "cloudtask-" + service.id() + "-http-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }

        private static Duration positive(String name, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " '" + d + "' must be a positive duration");
            }
            return d;
        }
    }
}
