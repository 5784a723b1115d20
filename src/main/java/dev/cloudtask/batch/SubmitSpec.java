package dev.cloudtask.batch;

import static dev.cloudtask.batch.JobXmlProperties.Submit.BODY;
import static dev.cloudtask.batch.JobXmlProperties.Submit.BODY_PARAMETER;
import static dev.cloudtask.batch.JobXmlProperties.Submit.BODY_RESOURCE;
import static dev.cloudtask.batch.JobXmlProperties.Submit.ERROR_BUDGET;
import static dev.cloudtask.batch.JobXmlProperties.Submit.INSTANCE_ID;
import static dev.cloudtask.batch.JobXmlProperties.Submit.METHOD;
import static dev.cloudtask.batch.JobXmlProperties.Submit.ON_UNCERTAIN;
import static dev.cloudtask.batch.JobXmlProperties.Submit.PATH;
import static dev.cloudtask.batch.JobXmlProperties.Submit.PATH_PARAMS;
import static dev.cloudtask.batch.JobXmlProperties.Submit.PLACEHOLDERS;
import static dev.cloudtask.batch.JobXmlProperties.Submit.PROJECT_ID;
import static dev.cloudtask.batch.JobXmlProperties.Submit.SERVICE;
import static dev.cloudtask.batch.JobXmlProperties.Submit.TASK_ID_POINTER;
import static dev.cloudtask.batch.JobXmlProperties.Submit.TASK_NAME;

import dev.cloudtask.CloudService;
import dev.cloudtask.client.OperationRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code submitCloudTask} step's operation as its properties declare it, checked and filled in.
 *
 * @param request the request to send (path filled, body read)
 * @param projectId the project of the resulting task (null for MRS)
 * @param instanceId the DCS instance of the resulting task, else null
 * @param taskIdPointer the JSON Pointer to the task id in the answer, or null to find the task in
 *     the DCS instance's background-task list
 * @param taskName the DCS background task's name to match, or null for any
 * @param onUncertain what to do when an earlier execution may have sent the operation
 * @param errorBudget how many times a request that certainly started nothing is sent again
 */
record SubmitSpec(OperationRequest request, String projectId, String instanceId, String taskIdPointer,
        String taskName, OnUncertain onUncertain, int errorBudget) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

    /**
     * The operation the step's properties declare. Each value is read through its row of
     * {@link JobXmlProperties.Submit}; the rules between values are checked here.
     *
     * @param props the step's properties
     * @param jobParameter reads a job parameter of the current execution (null when absent), for
     *     {@code bodyParameter}
     * @throws InvalidPropertyException naming the property that is missing, malformed or breaks a rule
     */
    static SubmitSpec from(StepProperties props, Function<String, String> jobParameter) {
        CloudService service = props.required(SERVICE, "expected cce, dcs, dws or mrs");
        String method = props.required(METHOD, "expected POST, PUT, PATCH or DELETE");
        String projectId = props.value(PROJECT_ID);
        String instanceId = props.value(INSTANCE_ID);
        if (service.needsProject() && projectId == null) {
            throw props.invalid(PROJECT_ID, service.id() + " needs it: the task is read in that project");
        }
        if (service.needsInstance() && instanceId == null) {
            throw props.invalid(INSTANCE_ID, "dcs needs it");
        }
        OperationRequest request = new OperationRequest(service, method, path(props),
                body(props, method, jobParameter));
        String pointer = props.isSet(TASK_ID_POINTER) ? props.value(TASK_ID_POINTER) : defaultPointer(service);
        OnUncertain onUncertain = props.valueOrDefault(ON_UNCERTAIN);
        if (onUncertain == OnUncertain.LOOKUP && (service != CloudService.DCS || pointer != null)) {
            throw props.invalid(ON_UNCERTAIN, "LOOKUP needs a service whose operations can be found afterwards:"
                    + " dcs (its background-task list), without taskIdPointer");
        }
        return new SubmitSpec(request, service.needsProject() ? projectId : null,
                service.needsInstance() ? instanceId : null, pointer, props.value(TASK_NAME), onUncertain,
                props.valueOrDefault(ERROR_BUDGET));
    }

    /** The path with every placeholder filled from its property or {@code pathParams}. */
    private static String path(StepProperties props) {
        String template = props.required(PATH, "expected a path below the service's base URL such as"
                + " /v1.0/{projectId}/clusters/{clusterId}/cns/batch-create");
        Map<String, String> values = new LinkedHashMap<>();
        for (JobXmlProperty<String> p : PLACEHOLDERS) {
            String v = props.value(p);
            if (v != null) {
                values.put(p.name(), v);
            }
        }
        Map<String, String> params = props.value(PATH_PARAMS);
        if (params != null) {
            values.putAll(params);
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            if (!values.containsKey(name)) {
                throw props.invalid(PATH, "placeholder {" + name + "} has no value: set property '" + name
                        + "' (one of " + PLACEHOLDERS.stream().map(JobXmlProperty::name).toList()
                        + ") or name it in pathParams");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(name)));
        }
        m.appendTail(out);
        String filled = out.toString();
        if (filled.indexOf('{') >= 0 || filled.indexOf('}') >= 0) {
            throw props.invalid(PATH, "has an unclosed or malformed placeholder");
        }
        return filled;
    }

    /** The JSON body from the one of body, bodyResource, bodyParameter that is set; null when none is. */
    private static String body(StepProperties props, String method, Function<String, String> jobParameter) {
        JobXmlProperty<?> source = props.oneOf(List.of(BODY, BODY_RESOURCE, BODY_PARAMETER));
        if (source == null) {
            return null;
        }
        if (method.equals("DELETE")) {
            throw props.invalid(source, "a DELETE operation carries no body");
        }
        if (source != BODY_PARAMETER) {
            return props.value(source == BODY ? BODY : BODY_RESOURCE);
        }
        String name = props.value(BODY_PARAMETER);
        String text = jobParameter.apply(name);
        if (text == null || text.isBlank()) {
            throw props.invalid(BODY_PARAMETER, "this job execution has no job parameter of that name");
        }
        try {
            return ValueFormat.JSON.parse(name, text.trim());
        } catch (IllegalArgumentException e) {
            throw props.invalid(BODY_PARAMETER, "job parameter '" + name + "': " + e.getMessage());
        }
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

    CloudService service() {
        return request.service();
    }

    /** {@code DWS POST /v1.0/.../cns/batch-create} for messages. */
    String operation() {
        return request.describe();
    }
}
