package dev.cloudtask.testkit;

import dev.cloudtask.internal.Durations;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads timeline overrides sent with an operation request, on top of the service default.
 *
 * <p>Query parameters {@code sim-duration}, {@code sim-queued}, {@code sim-shape}, {@code sim-steps},
 * {@code sim-stall-after}, {@code sim-stall-for}, {@code sim-rush-after}, {@code sim-rush-from},
 * {@code sim-dips}, {@code sim-full-at}, {@code sim-step-ends}, {@code sim-fail-code},
 * {@code sim-fail-detail}, {@code sim-fail-at}, {@code sim-fail-after}, {@code sim-not-found-for},
 * {@code sim-name}; or the same keys (with {@code _} instead of {@code -}, without the prefix) in a
 * {@code "simulator"} member of a JSON body. Query parameters win. Steps in a query:
 * {@code name[:sub|sub],name...}; in JSON: an array of names or of {@code {"name":..,"sub_steps":[..]}}.
 * Dips: {@code at/length/points,...} (in JSON also an array of such strings); step ends:
 * {@code 1m,4m,6m} (in JSON also an array).
 */
final class TimelineParams {
    private TimelineParams() {
    }

    /**
     * The timeline for an operation request.
     *
     * @throws IllegalArgumentException naming the parameter and value when one is malformed
     */
    static Timeline apply(Timeline base, SimRequest req) {
        Map<String, Object> p = new LinkedHashMap<>();
        String type = req.header("content-type");
        if (req.body().length > 0 && (type == null || type.toLowerCase(Locale.ROOT).contains("json"))) {
            JsonObject body = JsonUtil.parseObject(req.body());
            JsonValue sim = body.get("simulator");
            if (sim != null && sim.getValueType() == JsonValue.ValueType.OBJECT) {
                for (Map.Entry<String, JsonValue> e : sim.asJsonObject().entrySet()) {
                    p.put(e.getKey(), e.getValue());
                }
            }
        }
        for (Map.Entry<String, String> e : req.query().entrySet()) {
            if (e.getKey().startsWith("sim-")) {
                p.put(e.getKey().substring(4).replace('-', '_'), e.getValue());
            }
        }
        if (p.isEmpty()) {
            return base;
        }
        Timeline.Builder b = base.toBuilder();
        String failCode = base.fails() ? base.failure().code() : null;
        String failDetail = base.fails() ? base.failure().detail() : "";
        int failAt = base.fails() ? base.failure().atProgress() : TaskFailure.DEFAULT_AT_PROGRESS;
        java.time.Duration failAfter = base.fails() ? base.failure().after() : null;
        java.time.Duration stallAfter = null;
        java.time.Duration stallFor = null;
        java.time.Duration rushAfter = null;
        Double rushFrom = null;
        for (Map.Entry<String, Object> e : p.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            String name = "sim-" + key.replace('_', '-');
            switch (key) {
                case "duration" -> b.duration(Durations.parse(name, text(v)));
                case "queued" -> b.queuedFor(Durations.parse(name, text(v)));
                case "not_found_for" -> b.notFoundFor(Durations.parse(name, text(v)));
                case "shape" -> b.shape(shape(name, text(v)));
                case "steps" -> b.steps(steps(v));
                case "stall_after" -> stallAfter = Durations.parse(name, text(v));
                case "stall_for" -> stallFor = Durations.parse(name, text(v));
                case "fail_code" -> failCode = text(v);
                case "fail_detail" -> failDetail = text(v);
                case "fail_at" -> failAt = integer(name, text(v));
                case "fail_after" -> failAfter = Durations.parse(name, text(v));
                case "rush_after" -> rushAfter = Durations.parse(name, text(v));
                case "rush_from" -> rushFrom = number(name, text(v));
                case "dips" -> b.dips(dips(name, v));
                case "full_at" -> b.overshoot(Durations.parse(name, text(v)));
                case "step_ends" -> b.coarseSteps(durations(name, v));
                case "name" -> b.name(text(v));
                default -> throw new IllegalArgumentException("unknown simulator parameter '" + name + "'");
            }
        }
        if (stallAfter != null || stallFor != null) {
            if (stallAfter == null || stallFor == null) {
                throw new IllegalArgumentException("sim-stall-after and sim-stall-for must be given together");
            }
            b.stall(stallAfter, stallFor);
        }
        if (rushAfter != null || rushFrom != null) {
            if (rushAfter == null || rushFrom == null) {
                throw new IllegalArgumentException("sim-rush-after and sim-rush-from must be given together");
            }
            b.lateRush(rushAfter, rushFrom);
        }
        if (failAfter != null && failCode == null) {
            throw new IllegalArgumentException("sim-fail-after needs sim-fail-code");
        }
        if (failCode != null && failAfter != null) {
            b.failsAfter(failAfter, failCode, failDetail);
        } else if (failCode != null) {
            b.fails(failCode, failDetail, failAt);
        }
        return b.build();
    }

    private static String text(Object v) {
        if (v instanceof JsonString s) {
            return s.getString();
        }
        if (v instanceof JsonNumber n) {
            return n.toString();
        }
        return String.valueOf(v);
    }

    private static int integer(String name, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + v + "' is not an integer");
        }
    }

    private static double number(String name, String v) {
        try {
            double d = Double.parseDouble(v.trim());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " '" + v + "' is not a number");
    }

    private static ProgressShape shape(String name, String v) {
        try {
            return ProgressShape.valueOf(v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " '" + v + "' must be one of "
                    + java.util.Arrays.stream(ProgressShape.values()).map(Enum::name)
                            .collect(java.util.stream.Collectors.joining(", ")));
        }
    }

    /** A list value: a JSON array of strings or numbers, or comma-separated text. */
    private static List<String> items(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof JsonArray arr) {
            for (JsonValue item : arr) {
                out.add(text(item));
            }
            return out;
        }
        for (String part : text(v).split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    private static List<java.time.Duration> durations(String name, Object v) {
        List<java.time.Duration> out = new ArrayList<>();
        for (String item : items(v)) {
            out.add(Durations.parse(name, item));
        }
        return out;
    }

    private static List<Timeline.Dip> dips(String name, Object v) {
        List<Timeline.Dip> out = new ArrayList<>();
        for (String item : items(v)) {
            String[] p = item.split("/");
            if (p.length != 3) {
                throw new IllegalArgumentException(name + " '" + item + "' must be at/length/points, e.g. 8m/20s/3");
            }
            java.time.Duration at = Durations.parse(name, p[0].trim());
            java.time.Duration length = Durations.parse(name, p[1].trim());
            double points = number(name, p[2]);
            try {
                out.add(new Timeline.Dip(at, length, points));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + " '" + item + "': " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static List<TimelineStep> steps(Object v) {
        List<TimelineStep> out = new ArrayList<>();
        if (v instanceof JsonArray arr) {
            for (JsonValue item : arr) {
                if (item instanceof JsonString s) {
                    out.add(TimelineStep.of(s.getString()));
                } else if (item instanceof JsonObject o) {
                    List<String> subs = new ArrayList<>();
                    JsonArray sa = o.getJsonArray("sub_steps");
                    if (sa != null) {
                        for (JsonValue sv : sa) {
                            subs.add(text(sv));
                        }
                    }
                    out.add(new TimelineStep(o.getString("name", null), subs));
                }
            }
            return out;
        }
        for (String part : text(v).split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int colon = part.indexOf(':');
            String name = colon < 0 ? part.trim() : part.substring(0, colon).trim();
            List<String> subs = new ArrayList<>();
            if (colon >= 0) {
                for (String s : part.substring(colon + 1).split("\\|")) {
                    subs.add(s.trim());
                }
            }
            out.add(new TimelineStep(name, subs));
        }
        return out;
    }
}
