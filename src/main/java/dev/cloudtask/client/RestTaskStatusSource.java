package dev.cloudtask.client;

import dev.cloudtask.CloudService;
import dev.cloudtask.CloudServiceException;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.TaskStatusSource;
import dev.cloudtask.auth.CloudAuth;
import dev.cloudtask.cce.CceJobClient;
import dev.cloudtask.cce.CceStatusMapping;
import dev.cloudtask.dcs.DcsStatusMapping;
import dev.cloudtask.dcs.DcsTaskClient;
import dev.cloudtask.dws.DwsJobClient;
import dev.cloudtask.dws.DwsStatusMapping;
import dev.cloudtask.mrs.MrsCommandClient;
import dev.cloudtask.mrs.MrsStatusMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The {@link TaskStatusSource} over the four REST clients: one asynchronous call to the service
 * named by the {@link TaskRef}, mapped through that service's table ({@link CceStatusMapping},
 * {@link DcsStatusMapping}, {@link DwsStatusMapping}, {@link MrsStatusMapping}).
 *
 * <p>In CDI it is an application-scoped bean that looks the clients up lazily, on the first task of
 * each service, so a service without a configured {@code cloudtask-<service>/mp-rest/url} only fails
 * the waits that need it. In Java SE build it with {@link #RestTaskStatusSource(CceJobClient,
 * DcsTaskClient, DwsJobClient, MrsCommandClient)} or {@link #of} (null for a service not used), or
 * {@link CloudClients#taskStatusSource()}.
 *
 * <p>The returned stage fails with the {@link CloudServiceException} itself (never wrapped in a
 * {@code CompletionException} or {@code ProcessingException}) when the service answered with an error
 * or an unreadable body, with an {@link IllegalStateException} when the service has no client, and
 * with the transport's exception when there was no answer.
 */
@ApplicationScoped
public class RestTaskStatusSource implements TaskStatusSource {
    private final Supplier<CceJobClient> cce;
    private final Supplier<DcsTaskClient> dcs;
    private final Supplier<DwsJobClient> dws;
    private final Supplier<MrsCommandClient> mrs;
    private final Predicate<TaskRef> credentialRefresh;

    /** For CDI's client proxy only. */
    protected RestTaskStatusSource() {
        this(() -> null, () -> null, () -> null, () -> null, ref -> false);
    }

    /** The CDI constructor: each client is looked up on first use. */
    @Inject
    public RestTaskStatusSource(@RestClient Instance<CceJobClient> cce, @RestClient Instance<DcsTaskClient> dcs,
            @RestClient Instance<DwsJobClient> dws, @RestClient Instance<MrsCommandClient> mrs) {
        this(new LazyClient<>(CloudService.CCE, cce), new LazyClient<>(CloudService.DCS, dcs),
                new LazyClient<>(CloudService.DWS, dws), new LazyClient<>(CloudService.MRS, mrs), RestTaskStatusSource::configuredRefresh);
    }

    /**
     * The Java SE constructor.
     *
     * @param cce the CCE client, or null when CCE is not used (likewise the others)
     */
    public RestTaskStatusSource(CceJobClient cce, DcsTaskClient dcs, DwsJobClient dws, MrsCommandClient mrs) {
        this(() -> cce, () -> dcs, () -> dws, () -> mrs, RestTaskStatusSource::configuredRefresh);
    }

    /**
     * Same as the Java SE constructor; handy when passing literal nulls, which would make the
     * constructor call ambiguous with the CDI constructor.
     */
    public static RestTaskStatusSource of(CceJobClient cce, DcsTaskClient dcs, DwsJobClient dws,
            MrsCommandClient mrs) {
        return new RestTaskStatusSource(cce, dcs, dws, mrs);
    }

    private RestTaskStatusSource(Supplier<CceJobClient> cce, Supplier<DcsTaskClient> dcs, Supplier<DwsJobClient> dws,
            Supplier<MrsCommandClient> mrs, Predicate<TaskRef> credentialRefresh) {
        this.cce = cce;
        this.dcs = dcs;
        this.dws = dws;
        this.mrs = mrs;
        this.credentialRefresh = credentialRefresh;
    }

    /**
     * A source with the same clients whose {@link #refreshCredentials} calls {@code refresh}
     * (for the authentication providers, which know how to renew a token or a session).
     */
    public RestTaskStatusSource withCredentialRefresh(Predicate<TaskRef> refresh) {
        return new RestTaskStatusSource(cce, dcs, dws, mrs, Objects.requireNonNull(refresh, "refresh"));
    }

    /** The default 401 hook: renews the credential configured for the service ({@link CloudAuth#shared()}). */
    private static boolean configuredRefresh(TaskRef ref) {
        return CloudAuth.shared().refresh(ref);
    }

    @Override
    public boolean refreshCredentials(TaskRef ref) {
        return credentialRefresh.test(ref);
    }

    @Override
    public CompletionStage<TaskStatus> fetch(TaskRef ref) {
        Objects.requireNonNull(ref, "ref");
        return switch (ref.service()) {
            case CCE -> call(ref, cce, c -> CloudCalls.jobAsync(c, ref.projectId(), ref.taskId()),
                    CceStatusMapping::toStatus);
            case DCS -> call(ref, dcs, c -> CloudCalls.progressAsync(c, ref.projectId(), ref.instanceId(), ref.taskId()),
                    DcsStatusMapping::toStatus);
            case DWS -> call(ref, dws, c -> CloudCalls.jobAsync(c, ref.projectId(), ref.taskId()),
                    DwsStatusMapping::toStatus);
            case MRS -> call(ref, mrs, c -> CloudCalls.progressAsync(c, ref.taskId()), MrsStatusMapping::toStatus);
        };
    }

    private static <C, R> CompletionStage<TaskStatus> call(TaskRef ref, Supplier<C> client,
            Function<C, CompletionStage<R>> request, Function<R, TaskStatus> mapping) {
        CompletableFuture<TaskStatus> result = new CompletableFuture<>();
        CompletionStage<R> response;
        try {
            C c = client.get();
            if (c == null) {
                throw new IllegalStateException(noClient(ref.service(), null));
            }
            response = request.apply(c);
        } catch (RuntimeException e) {
            result.completeExceptionally(CloudCalls.unwrap(e));
            return result;
        }
        response.whenComplete((body, error) -> {
            if (error != null) {
                result.completeExceptionally(CloudCalls.unwrap(error));
                return;
            }
            try {
                result.complete(mapping.apply(body));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    static String noClient(CloudService service, Throwable cause) {
        return "no REST client for " + service + ": configure " + service.configKey() + "/mp-rest/url"
                + (cause == null ? "" : " (" + cause.getMessage() + ")");
    }
}
