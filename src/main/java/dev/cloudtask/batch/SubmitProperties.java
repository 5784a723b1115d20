package dev.cloudtask.batch;

import dev.cloudtask.CloudService;
import dev.cloudtask.client.OperationRequest;
import dev.cloudtask.internal.PathParams;
import jakarta.json.Json;
import jakarta.json.JsonException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The job-XML properties of {@code submitCloudTask}, as written, and their checking. A null or blank
 * value counts as not set; every problem is an {@link InvalidPropertyException} naming the property
 * and its value.
 */
final class SubmitProperties {
    static final String SERVICE = "service";
    static final String METHOD = "method";
    static final String PATH = "path";
    static final String PROJECT_ID = "projectId";
    static final String INSTANCE_ID = "instanceId";
    static final String CLUSTER_ID = "clusterId";
    static final String NODE_ID = "nodeId";
    static final String SERVICE_NAME = "serviceName";
    static final String PATH_PARAMS = "pathParams";
    static final String BODY = "body";
    static final String BODY_RESOURCE = "bodyResource";
    static final String BODY_PARAMETER = "bodyParameter";
    static final String TASK_ID_POINTER = "taskIdPointer";
    static final String TASK_NAME = "taskName";
    static final String ON_UNCERTAIN = "onUncertain";
    static final String ERROR_BUDGET = "errorBudget";

    /** The path placeholders filled from properties of the same name. */
    static final List<String> PLACEHOLDER_PROPERTIES = List.of(PROJECT_ID, INSTANCE_ID, CLUSTER_ID, NODE_ID,
            SERVICE_NAME);
    /** Methods an operation may use. */
    static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** Retries of requests that certainly started nothing, unless {@code errorBudget} says otherwise. */
    static final int DEFAULT_ERROR_BUDGET = 5;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

    private final Map<String, String> raw;
    private final Function<String, String> jobParameter;

    /**
     * @param raw property name to value as injected (values may be null)
     * @param jobParameter reads a job parameter of the current execution (null when absent)
     */
    SubmitProperties(Map<String, String> raw, Function<String, String> jobParameter) {
        this.raw = raw;
        this.jobParameter = jobParameter;
    }

    private String get(String name) {
        String v = raw.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** Checks every property and builds the operation. */
    SubmitSpec spec() {
        CloudService service = service();
        String method = method();
        String projectId = get(PROJECT_ID);
        String instanceId = get(INSTANCE_ID);
        if (service.needsProject() && projectId == null) {
            throw new InvalidPropertyException(PROJECT_ID, raw.get(PROJECT_ID), service.id()
                    + " needs it: the task is read in that project");
        }
        if (service.needsInstance() && instanceId == null) {
            throw new InvalidPropertyException(INSTANCE_ID, raw.get(INSTANCE_ID), "dcs needs it");
        }
        String path = path();
        String body = body(method);
        OperationRequest request = new OperationRequest(service, method, path, body);
        String pointer = pointer(service);
        OnUncertain onUncertain = onUncertain(service, pointer);
        return new SubmitSpec(request, service.needsProject() ? projectId : null,
                service.needsInstance() ? instanceId : null, pointer, get(TASK_NAME), onUncertain, errorBudget());
    }

    private CloudService service() {
        String v = get(SERVICE);
        if (v == null) {
            throw new InvalidPropertyException(SERVICE, raw.get(SERVICE), "expected cce, dcs, dws or mrs");
        }
        try {
            return CloudService.parse(SERVICE, v);
        } catch (IllegalArgumentException e) {
            throw new InvalidPropertyException(SERVICE, raw.get(SERVICE), e.getMessage());
        }
    }

    private String method() {
        String v = get(METHOD);
        if (v == null || !METHODS.contains(v.toUpperCase(Locale.ROOT))) {
            throw new InvalidPropertyException(METHOD, raw.get(METHOD), "expected POST, PUT, PATCH or DELETE");
        }
        return v.toUpperCase(Locale.ROOT);
    }

    /** The path with every placeholder filled; values are checked like task ids (no '/', '?', '%', ...). */
    String path() {
        String template = get(PATH);
        if (template == null || !template.startsWith("/") || template.startsWith("//")) {
            throw new InvalidPropertyException(PATH, raw.get(PATH), "expected a path below the service's base URL"
                    + " such as /v1.0/{projectId}/clusters/{clusterId}/resize");
        }
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '#' || c == '\\') {
                throw new InvalidPropertyException(PATH, raw.get(PATH), "must not contain whitespace, '#' or '\\'");
            }
        }
        if (template.contains("..")) {
            throw new InvalidPropertyException(PATH, raw.get(PATH), "must not contain '..'");
        }
        Map<String, String> values = placeholderValues();
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            if (!values.containsKey(name)) {
                throw new InvalidPropertyException(PATH, raw.get(PATH), "placeholder {" + name + "} has no value: set"
                        + " property '" + name + "' (one of " + PLACEHOLDER_PROPERTIES + ") or name it in pathParams");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(name)));
        }
        m.appendTail(out);
        String filled = out.toString();
        if (filled.indexOf('{') >= 0 || filled.indexOf('}') >= 0) {
            throw new InvalidPropertyException(PATH, raw.get(PATH), "has an unclosed or malformed placeholder");
        }
        return filled;
    }

    private Map<String, String> placeholderValues() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : PLACEHOLDER_PROPERTIES) {
            String v = get(name);
            if (v != null) {
                values.put(name, checked(name, raw.get(name), v));
            }
        }
        String params = get(PATH_PARAMS);
        if (params != null) {
            for (String pair : params.split("[,;]")) {
                if (pair.isBlank()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new InvalidPropertyException(PATH_PARAMS, raw.get(PATH_PARAMS),
                            "expected name=value pairs separated by ',' such as clusterId=c-1,nodeId=n-2");
                }
                String name = pair.substring(0, eq).trim();
                values.put(name, checked(PATH_PARAMS, raw.get(PATH_PARAMS), pair.substring(eq + 1).trim()));
            }
        }
        return values;
    }

    private static String checked(String property, String rawValue, String value) {
        try {
            return PathParams.check(property, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidPropertyException(property, rawValue, e.getMessage());
        }
    }

    /** The JSON body from exactly one of body, bodyResource, bodyParameter; null when none is set. */
    String body(String method) {
        List<String> given = new ArrayList<>();
        for (String name : List.of(BODY, BODY_RESOURCE, BODY_PARAMETER)) {
            if (get(name) != null) {
                given.add(name);
            }
        }
        if (given.size() > 1) {
            throw new InvalidPropertyException(given.get(1), raw.get(given.get(1)), "cannot be combined with '"
                    + given.get(0) + "': set only one of body, bodyResource, bodyParameter");
        }
        if (given.isEmpty()) {
            return null;
        }
        String name = given.get(0);
        if (method.equals("DELETE")) {
            throw new InvalidPropertyException(name, raw.get(name), "a DELETE operation carries no body");
        }
        String text = switch (name) {
            case BODY -> raw.get(BODY).trim();
            case BODY_RESOURCE -> resource(get(BODY_RESOURCE));
            default -> parameter(get(BODY_PARAMETER));
        };
        try (var reader = Json.createReader(new StringReader(text))) {
            reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            throw new InvalidPropertyException(name, name.equals(BODY) ? raw.get(BODY) : raw.get(name),
                    "the body is not JSON: " + PathParams.excerpt(e.getMessage()));
        }
        return text;
    }

    private String resource(String name) {
        String path = name.startsWith("/") ? name.substring(1) : name;
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        InputStream in = tccl == null ? null : tccl.getResourceAsStream(path);
        if (in == null) {
            in = SubmitProperties.class.getClassLoader().getResourceAsStream(path);
        }
        if (in == null) {
            throw new InvalidPropertyException(BODY_RESOURCE, raw.get(BODY_RESOURCE), "no such class-path resource");
        }
        try (InputStream body = in) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidPropertyException(BODY_RESOURCE, raw.get(BODY_RESOURCE), "cannot be read: " + e);
        }
    }

    private String parameter(String name) {
        String v = jobParameter.apply(name);
        if (v == null || v.isBlank()) {
            throw new InvalidPropertyException(BODY_PARAMETER, raw.get(BODY_PARAMETER),
                    "this job execution has no job parameter of that name");
        }
        return v.trim();
    }

    /** The task id pointer: the property, else the service's documented field; null for DCS (task list). */
    private String pointer(CloudService service) {
        String v = get(TASK_ID_POINTER);
        if (v == null) {
            return defaultPointer(service);
        }
        try {
            Json.createPointer(v);
        } catch (JsonException e) {
            throw new InvalidPropertyException(TASK_ID_POINTER, raw.get(TASK_ID_POINTER),
                    "is not a JSON Pointer such as /status/jobID");
        }
        return v;
    }

    /**
     * Where the operations of a service put the task id: CCE {@code /status/jobID}, DWS
     * {@code /job_id}, MRS Manager {@code /id}; DCS operations answer without one (null).
     */
    static String defaultPointer(CloudService service) {
        return switch (service) {
            case CCE -> "/status/jobID";
            case DWS -> "/job_id";
            case MRS -> "/id";
            case DCS -> null;
        };
    }

    private OnUncertain onUncertain(CloudService service, String pointer) {
        String v = get(ON_UNCERTAIN);
        if (v == null) {
            return OnUncertain.FAIL;
        }
        OnUncertain value;
        try {
            value = OnUncertain.parse(v);
        } catch (IllegalArgumentException e) {
            throw new InvalidPropertyException(ON_UNCERTAIN, raw.get(ON_UNCERTAIN), e.getMessage());
        }
        if (value == OnUncertain.LOOKUP && (service != CloudService.DCS || pointer != null)) {
            throw new InvalidPropertyException(ON_UNCERTAIN, raw.get(ON_UNCERTAIN), "LOOKUP needs a service whose"
                    + " operations can be found afterwards: dcs (its background-task list), without taskIdPointer");
        }
        return value;
    }

    private int errorBudget() {
        String v = get(ERROR_BUDGET);
        if (v == null) {
            return DEFAULT_ERROR_BUDGET;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidPropertyException(ERROR_BUDGET, raw.get(ERROR_BUDGET), "is not a valid whole number (>= 0)");
    }

    /** The job parameters of an execution as a lookup (for {@code bodyParameter}). */
    static Function<String, String> parameters(Properties p) {
        return name -> p == null ? null : p.getProperty(name);
    }
}
