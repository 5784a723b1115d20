package dev.cloudtask.testkit;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The request pipeline: route, then (outside {@code /_sim}) injected fault, authentication,
 * per-project rate limit, and finally the service endpoint; every answer is journaled and carries
 * an {@code X-Request-Id}.
 */
final class SimDispatcher {
    private static final Logger LOG = Logger.getLogger(SimDispatcher.class.getName());

    private final Clock clock;
    private final TaskRegistry tasks;
    private final FaultPlan faults;
    private final Journal journal;
    private final IamTokens tokens;
    private final ManagerLogin manager;
    private final SimAuth auth;
    private final Map<CloudService, Timeline> defaults;
    private volatile SimRateLimit rateLimiter;
    private SimAdmin admin;

    SimDispatcher(Clock clock, TaskRegistry tasks, FaultPlan faults, Journal journal, IamTokens tokens,
            ManagerLogin manager, SimAuth auth, Map<CloudService, Timeline> defaults, SimRateLimit rateLimiter) {
        this.clock = clock;
        this.tasks = tasks;
        this.faults = faults;
        this.journal = journal;
        this.tokens = tokens;
        this.manager = manager;
        this.auth = auth;
        this.defaults = defaults;
        this.rateLimiter = rateLimiter;
    }

    void admin(SimAdmin value) {
        this.admin = value;
    }

    void rateLimiter(SimRateLimit value) {
        this.rateLimiter = value;
    }

    /** Answers one request; never throws. */
    SimResponse handle(SimRequest req) {
        Instant now = clock.instant();
        Routes.Match m = Routes.match(req.method(), req.rawPath());
        SimResponse resp;
        try {
            resp = route(req, m, now);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "simulator failed on " + req.method() + " " + req.rawPath(), e);
            resp = errorFor(m, 500, null, "Internal service error.").note("simulator-bug");
        }
        if (m.endpoint() != Endpoint.ADMIN) {
            int status = resp.action == SimResponse.Action.SEND || resp.action == SimResponse.Action.TRUNCATE
                    ? resp.status : 0;
            journal.record(new JournalEntry(now, req.method(), req.rawPath(), status, m.service(), m.endpoint(),
                    resp.taskId, resp.note));
        }
        resp.header("X-Request-Id", Ids.hex32());
        return resp;
    }

    private SimResponse route(SimRequest req, Routes.Match m, Instant now) {
        switch (m.endpoint()) {
            case ADMIN:
                return admin.handle(req);
            case OTHER:
                return m.service() == null || m.service() == CloudService.MRS
                        ? errorFor(m, 404, null, "Resource not found.")
                        : ServiceRenderer.gatewayError(404, "APIGW.0101",
                                "The API does not exist or has not been published in the environment");
            default:
                break;
        }
        InjectedFault fault = faults.pick(m.service(), m.endpoint(), m.taskId());
        if (fault != null) {
            return inject(fault, req, m, now).note(fault.label());
        }
        return serve(req, m, now);
    }

    private SimResponse serve(SimRequest req, Routes.Match m, Instant now) {
        switch (m.endpoint()) {
            case IAM_TOKEN:
                return tokens.handle(req);
            case MANAGER_LOGIN:
                return manager.handle(req);
            default:
                break;
        }
        SimResponse denied = auth.check(req, m.service());
        if (denied != null) {
            return denied.task(m.taskId());
        }
        SimRateLimit limiter = rateLimiter;
        String bucket = m.projectId() != null ? m.projectId() : m.service().id();
        if (limiter != null && !limiter.tryAcquire(bucket)) {
            return errorFor(m, 429, m.service() == CloudService.MRS ? null : InjectedFault.APIGW_THROTTLED,
                    "The throttling threshold has been reached: policy user over ratelimit").task(m.taskId())
                    .note("rate-limit");
        }
        return switch (m.endpoint()) {
            case POLL -> poll(m, now);
            case TASK_LIST -> SimResponse.json(200, DcsRenderer.taskList(tasks.all().stream()
                    .filter(t -> t.ref().service() == CloudService.DCS
                            && Objects.equals(t.ref().projectId(), m.projectId())
                            && Objects.equals(t.ref().instanceId(), m.instanceId()))
                    .toList(), now));
            case ACCEPT -> SimResponse.empty(200); // accepted, nothing to follow (DWS scale out)
            default -> submit(req, m, now);
        };
    }

    private SimResponse poll(Routes.Match m, Instant now) {
        ServiceRenderer r = ServiceRenderer.of(m.service());
        Optional<SimTask> found = tasks.find(m.service(), m.taskId())
                .filter(t -> Objects.equals(t.ref().projectId(), m.projectId())
                        && Objects.equals(t.ref().instanceId(), m.instanceId()));
        if (found.isEmpty()) {
            return r.error(404, null, notFoundMessage(m)).task(m.taskId()).note("unknown-task");
        }
        SimTask task = found.get();
        if (task.hiddenAt(now)) {
            return r.error(404, null, notFoundMessage(m)).task(m.taskId()).note("not-yet-visible");
        }
        return SimResponse.json(200, r.progress(task, TaskProgress.at(task, now))).task(task.id());
    }

    private static String notFoundMessage(Routes.Match m) {
        return m.service().taskNoun() + " " + m.taskId() + " not found.";
    }

    private SimResponse submit(SimRequest req, Routes.Match m, Instant now) {
        ServiceRenderer r = ServiceRenderer.of(m.service());
        SimTask task;
        try {
            Timeline timeline = TimelineParams.apply(defaults.get(m.service()), req);
            String id = tasks.newId(m.service());
            TaskRef ref = switch (m.service()) {
                case CCE -> TaskRef.cce(m.projectId(), id);
                case DCS -> TaskRef.dcs(m.projectId(), m.instanceId(), id);
                case DWS -> TaskRef.dws(m.projectId(), id);
                case MRS -> TaskRef.mrs(id);
            };
            task = tasks.create(ref, m.resourceId(), timeline);
        } catch (IllegalArgumentException e) {
            return r.error(400, null, e.getMessage()).note("bad-request");
        }
        SimResponse answer = r.submitted(task, TaskProgress.at(task, now));
        if ("DELETE".equals(req.method())) {
            answer = SimResponse.json(200, answer.body); // a deletion answers 200 with the same body
        }
        return answer.task(task.id());
    }

    private SimResponse inject(InjectedFault f, SimRequest req, Routes.Match m, Instant now) {
        switch (f.kind()) {
            case STATUS:
                return errorFor(m, f.status(), f.errorCode(), message(f.status())).task(m.taskId());
            case THROTTLE: {
                SimResponse r = errorFor(m, 429, f.errorCode(),
                        "The throttling threshold has been reached: policy user over ratelimit").task(m.taskId());
                if (f.retryAfter() != null) {
                    long seconds = f.retryAfter().getSeconds() + (f.retryAfter().getNano() > 0 ? 1 : 0);
                    r.header("Retry-After", Long.toString(seconds));
                }
                return r;
            }
            case JSON_BODY:
                return SimResponse.json(f.status(), f.body().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .task(m.taskId());
            case HTML_PAGE: {
                String title = f.status() + " " + SimHttpServer.reason(f.status());
                return SimResponse.html(f.status(), "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n"
                        + "<center><h1>" + title + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n")
                        .task(m.taskId());
            }
            default:
                break;
        }
        // Wire faults: the request itself was processed (a submission creates its task), the answer is lost.
        SimResponse full = serve(req, m, now);
        String taskId = full.taskId;
        SimResponse out = switch (f.kind()) {
            case CONNECTION_RESET -> SimResponse.reset();
            case HANG -> SimResponse.hang();
            case SLOW -> full.delay(f.delay());
            default -> SimResponse.truncated(full);
        };
        return out.task(taskId);
    }

    /** An error answer in the shape of the endpoint's service (IAM for the token endpoint). */
    private static SimResponse errorFor(Routes.Match m, int status, String code, String message) {
        if (m.endpoint() == Endpoint.IAM_TOKEN) {
            return code != null && code.startsWith("APIGW.") ? ServiceRenderer.gatewayError(status, code, message)
                    : IamTokens.keystoneError(status, SimHttpServer.reason(status), message);
        }
        if (m.service() == null) {
            return ServiceRenderer.gatewayError(status, code != null ? code : "APIGW.0101", message);
        }
        return ServiceRenderer.of(m.service()).error(status, code, message);
    }

    private static String message(int status) {
        return switch (status) {
            case 400 -> "Invalid request.";
            case 401 -> "Authentication required.";
            case 403 -> "Request rejected: insufficient permissions.";
            case 404 -> "Resource not found.";
            case 500 -> "Internal service error.";
            case 502 -> "Bad gateway.";
            case 503 -> "Service unavailable.";
            case 504 -> "Gateway timeout.";
            default -> "Error " + status + ".";
        };
    }
}
