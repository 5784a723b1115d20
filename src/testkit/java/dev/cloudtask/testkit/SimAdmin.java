package dev.cloudtask.testkit;

import dev.cloudtask.CloudService;
import dev.cloudtask.internal.Durations;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;


/**
 * The simulator's own endpoints under {@code /_sim} (no authentication, no faults, not journaled),
 * for a simulator running in another process.
 *
 * <table>
 *   <caption>Admin endpoints</caption>
 *   <tr><th>request</th><th>answer</th></tr>
 *   <tr><td>GET /_sim/counters</td><td>{@code {"total_submissions":n,"total_polls":n,"tasks":{"<id>":{"submissions":n,"polls":n}}}}</td></tr>
 *   <tr><td>GET /_sim/journal</td><td>array of {@code {"time","method","path","status","service","endpoint","task_id","note"}}</td></tr>
 *   <tr><td>GET /_sim/tasks</td><td>array of {@code {"ref","service","task_id","created_at","ends_at"}}</td></tr>
 *   <tr><td>GET /_sim/clock</td><td>{@code {"now":"<ISO instant>"}}</td></tr>
 *   <tr><td>POST /_sim/clock/advance?by=5m</td><td>advances a {@link VirtualClock} (409 for other clocks)</td></tr>
 *   <tr><td>POST /_sim/faults</td><td>adds a rule: JSON {@code {"fault":"status|throttle|html|reset|hang|truncated|json|slow","body":"<json>",
 *       "status":503,"error_code":..,"retry_after":"5s","task":..,"service":"cce","endpoint":"POLL","times":2|"probability":0.1}}</td></tr>
 *   <tr><td>POST /_sim/reset</td><td>forgets tasks, faults, journal and counters</td></tr>
 * </table>
 */
final class SimAdmin {
    private final CloudSimulator sim;

    SimAdmin(CloudSimulator sim) {
        this.sim = sim;
    }

    SimResponse handle(SimRequest req) {
        String path = req.rawPath();
        String key = req.method() + " " + path;
        try {
            return switch (key) {
                case "GET /_sim/counters" -> ok(counters());
                case "GET /_sim/journal" -> ok(journal());
                case "GET /_sim/tasks" -> ok(tasks());
                case "GET /_sim/clock" -> ok(JsonUtil.object().add("now", sim.clock().instant().toString()).build());
                case "POST /_sim/clock/advance" -> advance(req);
                case "POST /_sim/faults" -> addFault(req);
                case "POST /_sim/reset" -> {
                    sim.reset();
                    yield SimResponse.empty(204);
                }
                default -> adminError(404, "unknown simulator endpoint " + key);
            };
        } catch (IllegalArgumentException e) {
            return adminError(400, e.getMessage());
        }
    }

    private static SimResponse ok(jakarta.json.JsonStructure json) {
        return SimResponse.json(200, JsonUtil.bytes(json));
    }

    private static SimResponse adminError(int status, String message) {
        return SimResponse.json(status, JsonUtil.bytes(JsonUtil.object().add("error", message).build()));
    }

    private JsonObject counters() {
        JsonObjectBuilder tasks = JsonUtil.object();
        for (TaskCounters c : sim.journal().allCounters().values()) {
            tasks.add(c.taskId(), JsonUtil.object().add("submissions", c.submissions()).add("polls", c.polls()));
        }
        return JsonUtil.object().add("total_submissions", sim.journal().totalSubmissions())
                .add("total_polls", sim.journal().totalPolls()).add("tasks", tasks).build();
    }

    private jakarta.json.JsonArray journal() {
        JsonArrayBuilder arr = JsonUtil.array();
        for (JournalEntry e : sim.journal().entries()) {
            JsonObjectBuilder o = JsonUtil.object().add("time", e.time().toString()).add("method", e.method())
                    .add("path", e.path()).add("status", e.status()).add("endpoint", e.endpoint().name());
            JsonUtil.addOrNull(o, "service", e.service() == null ? null : e.service().id());
            JsonUtil.addOrNull(o, "task_id", e.taskId());
            JsonUtil.addOrNull(o, "note", e.note());
            arr.add(o);
        }
        return arr.build();
    }

    private jakarta.json.JsonArray tasks() {
        JsonArrayBuilder arr = JsonUtil.array();
        for (SimTask t : sim.tasks()) {
            arr.add(JsonUtil.object().add("ref", t.ref().asString()).add("service", t.ref().service().id())
                    .add("task_id", t.id()).add("created_at", t.createdAt().toString())
                    .add("ends_at", t.endsAt().toString()));
        }
        return arr.build();
    }

    private SimResponse advance(SimRequest req) {
        Clock clock = sim.clock();
        if (!(clock instanceof VirtualClock vc)) {
            return adminError(409, "the simulator clock is not virtual");
        }
        String by = req.query().get("by");
        Duration d = Durations.parse("by", by);
        return ok(JsonUtil.object().add("now", vc.advance(d).toString()).build());
    }

    private SimResponse addFault(SimRequest req) {
        JsonObject o = JsonUtil.parseObject(req.body());
        String kind = o.getString("fault", "");
        int status = o.getInt("status", 0);
        String code = o.getString("error_code", null);
        Duration retryAfter = o.containsKey("retry_after") ? Durations.parse("retry_after", o.getString("retry_after")) : null;
        InjectedFault fault = switch (kind.toLowerCase(Locale.ROOT)) {
            case "status" -> InjectedFault.status(status, code);
            case "throttle" -> InjectedFault.throttled(code != null ? code : InjectedFault.APIGW_THROTTLED, retryAfter);
            case "html" -> InjectedFault.htmlErrorPage(status == 0 ? 502 : status);
            case "reset" -> InjectedFault.connectionReset();
            case "hang" -> InjectedFault.hang();
            case "truncated" -> InjectedFault.truncatedJson();
            case "json" -> InjectedFault.jsonBody(status, o.getString("body", null));
            case "slow" -> InjectedFault.slowAnswer(Durations.parse("delay", o.getString("delay", "")));
            default -> throw new IllegalArgumentException("fault '" + kind
                    + "' must be one of status, throttle, html, reset, hang, truncated, json, slow");
        };
        FaultScope scope = sim.faults().forAll();
        if (o.containsKey("task")) {
            scope = scope.task(o.getString("task"));
        }
        if (o.containsKey("service")) {
            scope = scope.service(CloudService.parse("service", o.getString("service")));
        }
        if (o.containsKey("endpoint")) {
            scope = scope.endpoint(Endpoint.valueOf(o.getString("endpoint").toUpperCase(Locale.ROOT)));
        }
        if (o.containsKey("times")) {
            scope.next(o.getInt("times"), fault);
        } else if (o.containsKey("probability")) {
            scope.withProbability(o.getJsonNumber("probability").doubleValue(), fault);
        } else {
            scope.always(fault);
        }
        return SimResponse.empty(204);
    }

}
