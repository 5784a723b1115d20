package dev.cloudtask.client;

import dev.cloudtask.CloudService;
import dev.cloudtask.CloudServiceException;
import dev.cloudtask.auth.CloudAuth;
import dev.cloudtask.auth.CloudAuthFilter;
import dev.cloudtask.cce.CceOperationClient;
import dev.cloudtask.dcs.DcsOperationClient;
import dev.cloudtask.dws.DwsOperationClient;
import dev.cloudtask.internal.ErrorBodies;
import dev.cloudtask.internal.LenientJson;
import dev.cloudtask.mrs.MrsOperationClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The {@link CloudOperations} over the four {@code *OperationClient} interfaces.
 *
 * <p>In CDI it is an application-scoped bean that looks each client up on its first request (config
 * key {@code cloudtask-<service>}, the same as the progress client's), reads answers up to
 * {@link LenientJsonReader#MAX_BYTES_KEY} bytes and renews credentials through
 * {@link CloudAuth#shared()}. In Java SE use {@link CloudClients#operations()}.
 *
 * <p>Each service's interface declares its five request methods itself rather than inheriting them
 * from a shared interface: {@link CloudAuthFilter} finds the service from the {@code @ServiceApi} of
 * the invoked method's declaring interface, so the dispatch below names each interface.
 */
@ApplicationScoped
public class RestCloudOperations implements CloudOperations {
    private final Map<CloudService, Supplier<?>> clients;
    private final Supplier<Long> maxBytes;
    private final BiPredicate<CloudService, String> refresh;

    /** For CDI's client proxy only. */
    protected RestCloudOperations() {
        this(new EnumMap<>(CloudService.class), () -> LenientJson.DEFAULT_MAX_BYTES, (s, p) -> false);
    }

    /** The CDI constructor: each client is looked up on first use. */
    @Inject
    public RestCloudOperations(@RestClient Instance<CceOperationClient> cce,
            @RestClient Instance<DcsOperationClient> dcs, @RestClient Instance<DwsOperationClient> dws,
            @RestClient Instance<MrsOperationClient> mrs) {
        this(lazy(cce, dcs, dws, mrs), new ConfiguredCap(), (s, p) -> CloudAuth.shared().refresh(s, p));
    }

    RestCloudOperations(Map<CloudService, Supplier<?>> clients, Supplier<Long> maxBytes,
            BiPredicate<CloudService, String> refresh) {
        this.clients = clients;
        this.maxBytes = maxBytes;
        this.refresh = refresh;
    }

    private static Map<CloudService, Supplier<?>> lazy(Instance<CceOperationClient> cce,
            Instance<DcsOperationClient> dcs, Instance<DwsOperationClient> dws, Instance<MrsOperationClient> mrs) {
        Map<CloudService, Supplier<?>> m = new EnumMap<>(CloudService.class);
        m.put(CloudService.CCE, new LazyClient<>(CloudService.CCE, cce));
        m.put(CloudService.DCS, new LazyClient<>(CloudService.DCS, dcs));
        m.put(CloudService.DWS, new LazyClient<>(CloudService.DWS, dws));
        m.put(CloudService.MRS, new LazyClient<>(CloudService.MRS, mrs));
        return m;
    }

    /** Same clients, credentials renewed by {@code refresh} (Java SE wiring with an explicit {@code CloudAuth}). */
    public RestCloudOperations withCredentialRefresh(BiPredicate<CloudService, String> value) {
        return new RestCloudOperations(clients, maxBytes, Objects.requireNonNull(value, "refresh"));
    }

    @Override
    public boolean refreshCredentials(CloudService service, String projectId) {
        return refresh.test(service, projectId);
    }

    @Override
    public OperationAnswer send(OperationRequest request) {
        Objects.requireNonNull(request, "request");
        Supplier<?> supplier = clients.get(request.service());
        Object client = supplier == null ? null : supplier.get();
        if (client == null) {
            throw new IllegalStateException(RestTaskStatusSource.noClient(request.service(), null));
        }
        Response response = CloudCalls.sync(() -> call(client, request));
        try {
            String body = read(request.service(), response);
            if (response.getStatus() >= 400) {
                // an implementation that does not run the error mapper for Response-typed methods
                throw ErrorBodies.toException(request.service(), response.getStatus(), body,
                        response.getHeaderString(CloudErrorMapper.REQUEST_ID), response.getHeaderString("Retry-After"),
                        Instant.now());
            }
            return new OperationAnswer(response.getStatus(), body, response.getHeaderString(CloudErrorMapper.REQUEST_ID));
        } finally {
            response.close();
        }
    }

    private static Response call(Object client, OperationRequest r) {
        String path = r.path();
        String body = r.body() == null && needsBody(r.method()) ? "{}" : r.body();
        if (client instanceof CceOperationClient c) {
            return switch (r.method()) {
                case "POST" -> c.post(path, body);
                case "PUT" -> c.put(path, body);
                case "PATCH" -> c.patch(path, body);
                case "DELETE" -> c.delete(path);
                default -> c.get(path);
            };
        }
        if (client instanceof DcsOperationClient c) {
            return switch (r.method()) {
                case "POST" -> c.post(path, body);
                case "PUT" -> c.put(path, body);
                case "PATCH" -> c.patch(path, body);
                case "DELETE" -> c.delete(path);
                default -> c.get(path);
            };
        }
        if (client instanceof DwsOperationClient c) {
            return switch (r.method()) {
                case "POST" -> c.post(path, body);
                case "PUT" -> c.put(path, body);
                case "PATCH" -> c.patch(path, body);
                case "DELETE" -> c.delete(path);
                default -> c.get(path);
            };
        }
        MrsOperationClient c = (MrsOperationClient) client;
        return switch (r.method()) {
            case "POST" -> c.post(path, body);
            case "PUT" -> c.put(path, body);
            case "PATCH" -> c.patch(path, body);
            case "DELETE" -> c.delete(path);
            default -> c.get(path);
        };
    }

    private static boolean needsBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    private String read(CloudService service, Response response) {
        if (!response.hasEntity()) {
            return "";
        }
        long cap = maxBytes.get();
        String length = response.getHeaderString("Content-Length");
        if (length != null && length.strip().matches("\\d{1,18}") && Long.parseLong(length.strip()) > cap) {
            throw tooLarge(service, cap, response);
        }
        try (InputStream in = response.readEntity(InputStream.class)) {
            byte[] bytes = LenientJson.readAtMost(in, cap);
            if (bytes.length > cap) {
                throw tooLarge(service, cap, response);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CloudServiceException(service, 0, null, "answer could not be read completely ("
                    + e.getClass().getSimpleName() + ")", response.getHeaderString(CloudErrorMapper.REQUEST_ID), null);
        }
    }

    private static CloudServiceException tooLarge(CloudService service, long cap, Response response) {
        return new CloudServiceException(service, 0, null, "answer is larger than " + cap + " bytes ("
                + LenientJsonReader.MAX_BYTES_KEY + "); not read", response.getHeaderString(CloudErrorMapper.REQUEST_ID),
                null);
    }

    /** The response cap from MicroProfile Config, read once on first use. */
    private static final class ConfiguredCap implements Supplier<Long> {
        private volatile Long cap;

        @Override
        public Long get() {
            Long c = cap;
            if (c == null) {
                c = new LenientJsonReader().maxBytes();
                cap = c;
            }
            return c;
        }
    }
}
