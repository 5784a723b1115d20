package dev.cloudtask.batch;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import dev.cloudtask.internal.Durations;
import dev.cloudtask.internal.PathParams;
import jakarta.json.Json;
import jakarta.json.JsonException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * How the text of one job-XML property or configuration key is read: the one parser per kind of
 * value, the words the documentation uses for it, and how a parsed value is printed in log lines.
 *
 * <p>The parser gets the name (for messages of the shared parsers, which echo it) and the trimmed,
 * non-blank text; it throws an {@link IllegalArgumentException} saying what is wrong.
 *
 * @param <T> the parsed type
 * @param description what the value must look like, for the documentation table
 * @param parser name and text to value
 * @param printer value to text, for the effective-policy log line and the documentation
 */
record ValueFormat<T>(String description, BiFunction<String, String, T> parser, Function<T, String> printer) {

    /** A duration of zero or more. */
    static final ValueFormat<Duration> DURATION = new ValueFormat<>(
            "duration: `500ms`, `30s`, `5m`, `2h`, `1d` or ISO-8601 (`PT2H30M`); zero or more",
            Durations::parse, Durations::format);

    /** A duration longer than zero. */
    static final ValueFormat<Duration> POSITIVE_DURATION = new ValueFormat<>(
            "duration: `500ms`, `30s`, `5m`, `2h`, `1d` or ISO-8601 (`PT2H30M`); longer than zero",
            (name, v) -> {
                Duration d = Durations.parse(name, v);
                if (d.isZero()) {
                    throw new IllegalArgumentException("must be longer than zero");
                }
                return d;
            }, Durations::format);

    /** A number of at least 1 (the interval growth factor). */
    static final ValueFormat<Double> FACTOR = new ValueFormat<>("number, at least 1 (`1.4`)", (name, v) -> {
        double d = number(v, "a number (at least 1)");
        if (!(d >= 1.0) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("must be a number of at least 1");
        }
        return d;
    }, d -> String.valueOf(d));

    /** A finite number of zero or more (requests per second; 0 = no limit). */
    static final ValueFormat<Double> RATE = new ValueFormat<>(
            "requests per second, a number of zero or more (`0` = no limit)", (name, v) -> {
                double d = number(v, "a number of requests per second (0 or more)");
                if (!(d >= 0) || Double.isInfinite(d)) {
                    throw new IllegalArgumentException("must be a finite number of 0 or more (0 = no limit)");
                }
                return d;
            }, d -> d == Math.rint(d) ? String.valueOf(d.longValue()) : String.valueOf(d));

    /** A whole number of zero or more. */
    static final ValueFormat<Integer> COUNT = whole(0);

    /** A whole number of one or more. */
    static final ValueFormat<Integer> POSITIVE_COUNT = whole(1);

    /** {@code true} or {@code false}, any case. */
    static final ValueFormat<Boolean> BOOLEAN = new ValueFormat<>("`true` or `false` (any case)", (name, v) ->
            switch (v.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException("expected true or false");
            }, String::valueOf);

    /** {@code FAIL} or {@code COMPLETE}, any case. */
    static final ValueFormat<OnRemoteFailure> ON_REMOTE_FAILURE = new ValueFormat<>(
            "`FAIL` or `COMPLETE` (any case)", (name, v) -> OnRemoteFailure.parse(v), OnRemoteFailure::name);

    /** {@code all} or {@code any}, any case. */
    static final ValueFormat<FanIn> FAN_IN = new ValueFormat<>("`all` or `any` (any case)",
            (name, v) -> FanIn.parse(v), m -> m.name().toLowerCase(Locale.ROOT));

    /** {@code cce}, {@code dcs}, {@code dws} or {@code mrs}, any case. */
    static final ValueFormat<CloudService> SERVICE = new ValueFormat<>("`cce`, `dcs`, `dws` or `mrs` (any case)",
            (name, v) -> {
                for (CloudService s : CloudService.values()) {
                    if (s.id().equalsIgnoreCase(v)) {
                        return s;
                    }
                }
                throw new IllegalArgumentException("expected one of cce, dcs, dws, mrs");
            }, CloudService::id);

    /** One id of a task's address: a safe URL path segment. */
    static final ValueFormat<String> ID = new ValueFormat<>(
            "id: at most " + PathParams.MAX_LENGTH + " characters, no `/`, `\\`, `..`, `%`, `?`, `#`,"
                    + " whitespace or control characters", PathParams::check, Function.identity());

    /** One or more task references, separated by commas or whitespace. */
    static final ValueFormat<List<TaskRef>> TASK_REFS = new ValueFormat<>(
            "task references `cce/<projectId>/<jobId>`, `dcs/<projectId>/<instanceId>/<taskId>`,"
                    + " `dws/<projectId>/<jobId>`, `mrs/<commandId>`, separated by commas or whitespace",
            (name, v) -> {
                List<TaskRef> refs = new ArrayList<>();
                for (String part : v.split("[,\\s]+")) {
                    if (!part.isEmpty()) {
                        refs.add(TaskRef.parse(part));
                    }
                }
                if (refs.isEmpty()) {
                    throw new IllegalArgumentException("names no task");
                }
                return List.copyOf(refs);
            }, refs -> String.join(",", refs.stream().map(TaskRef::asString).toList()));

    /** The id of a step of the same job. */
    static final ValueFormat<String> STEP_ID = text("the id of an earlier step of the job");

    /** An HTTP method that may start an operation, upper-cased. */
    static final ValueFormat<String> METHOD = new ValueFormat<>("`POST`, `PUT`, `PATCH` or `DELETE` (any case)",
            (name, v) -> {
                String m = v.toUpperCase(Locale.ROOT);
                if (!List.of("POST", "PUT", "PATCH", "DELETE").contains(m)) {
                    throw new IllegalArgumentException("expected POST, PUT, PATCH or DELETE");
                }
                return m;
            }, Function.identity());

    /** A request path below a service's base URL, with {@code {name}} placeholders still in it. */
    static final ValueFormat<String> PATH = new ValueFormat<>("path starting with `/`, may end with a query;"
            + " no whitespace, `#`, `\\` or `..`", (name, v) -> {
                if (!v.startsWith("/") || v.startsWith("//")) {
                    throw new IllegalArgumentException("expected a path below the service's base URL such as"
                            + " /v1.0/{projectId}/clusters/{clusterId}/cns/batch-create");
                }
                for (int i = 0; i < v.length(); i++) {
                    char c = v.charAt(i);
                    if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '#' || c == '\\') {
                        throw new IllegalArgumentException("must not contain whitespace, '#' or '\\'");
                    }
                }
                if (v.contains("..")) {
                    throw new IllegalArgumentException("must not contain '..'");
                }
                return v;
            }, Function.identity());

    /** {@code name=value} pairs separated by commas (or semicolons); each value is an {@link #ID}. */
    static final ValueFormat<Map<String, String>> PATH_PARAMS = new ValueFormat<>(
            "`name=value` pairs separated by `,` (`nodeId=n-1,poolId=p-2`); each value an id as above", (name, v) -> {
                Map<String, String> values = new LinkedHashMap<>();
                for (String pair : v.split("[,;]")) {
                    if (pair.isBlank()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException(
                                "expected name=value pairs separated by ',' such as clusterId=c-1,nodeId=n-2");
                    }
                    String param = pair.substring(0, eq).trim();
                    values.put(param, PathParams.check(param, pair.substring(eq + 1).trim()));
                }
                return Collections.unmodifiableMap(values);
            }, m -> String.join(",", m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));

    /** JSON text (a request body). */
    static final ValueFormat<String> JSON = new ValueFormat<>("JSON text", (name, v) -> json(v), Function.identity());

    /** The name of a class-path resource holding JSON; the value is the resource's text. */
    static final ValueFormat<String> JSON_RESOURCE = new ValueFormat<>("class-path resource holding JSON",
            (name, v) -> json(resource(v)), Function.identity());

    /** A JSON Pointer (RFC 6901). */
    static final ValueFormat<String> JSON_POINTER = new ValueFormat<>("JSON Pointer (RFC 6901), e.g. `/status/jobID`",
            (name, v) -> {
                try {
                    Json.createPointer(v);
                } catch (JsonException e) {
                    throw new IllegalArgumentException("is not a JSON Pointer such as /status/jobID");
                }
                return v;
            }, Function.identity());

    /** {@code FAIL}, {@code RESUBMIT} or {@code LOOKUP}, any case. */
    static final ValueFormat<OnUncertain> ON_UNCERTAIN = new ValueFormat<>("`FAIL`, `RESUBMIT` or `LOOKUP` (any case)",
            (name, v) -> OnUncertain.parse(v), OnUncertain::name);

    /** An ISO-8601 instant. */
    static final ValueFormat<Instant> INSTANT = new ValueFormat<>("ISO-8601 instant (`2024-05-01T10:15:30Z`)",
            (name, v) -> {
                try {
                    return Instant.parse(v);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("is not a valid ISO-8601 instant such as 2024-05-01T10:15:30Z");
                }
            }, Instant::toString);

    /**
     * Parses {@code text}.
     *
     * @param name the property or key, for the shared parsers' messages
     * @param text the value, trimmed and not blank
     */
    T parse(String name, String text) {
        return parser.apply(name, text);
    }

    /** Prints a value of this format, as the log line and the documentation show it. */
    @SuppressWarnings("unchecked")
    String print(Object value) {
        return value == null ? "-" : printer.apply((T) value);
    }

    /** Any text, which the documentation describes as {@code description}. */
    static ValueFormat<String> text(String description) {
        return new ValueFormat<>(description, (name, v) -> v, Function.identity());
    }

    private static String json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException("the body is not JSON: " + PathParams.excerpt(e.getMessage()));
        }
        return text;
    }

    /** The text of class-path resource {@code name}, from the thread's context class loader or the library's. */
    private static String resource(String name) {
        String path = name.startsWith("/") ? name.substring(1) : name;
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        InputStream in = tccl == null ? null : tccl.getResourceAsStream(path);
        if (in == null) {
            in = ValueFormat.class.getClassLoader().getResourceAsStream(path);
        }
        if (in == null) {
            throw new IllegalArgumentException("no such class-path resource");
        }
        try (InputStream body = in) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot be read: " + e);
        }
    }

    private static ValueFormat<Integer> whole(int min) {
        String words = min == 0 ? "whole number, zero or more" : "whole number, at least " + min;
        return new ValueFormat<>(words, (name, v) -> {
            int n;
            try {
                n = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("is not a " + words);
            }
            if (n < min) {
                throw new IllegalArgumentException(min == 0 ? "must not be negative" : "must be at least " + min);
            }
            return n;
        }, String::valueOf);
    }

    private static double number(String v, String expected) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not " + expected);
        }
    }
}
