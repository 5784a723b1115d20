package dev.cloudtask.testkit;

import dev.cloudtask.CloudService;
import dev.cloudtask.testkit.TaskSnapshot.StepView;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;

/**
 * CCE: {@code GET /api/v3/projects/{project_id}/jobs/{job_id}} answers a {@code Job} with
 * {@code spec.subJobs[]} and {@code status.phase} (Initializing, Running, Success, Failed); CCE
 * reports no progress percentage. Times in Go style ({@code 2020-02-02 08:12:40.672772389 +0000 UTC}).
 * Errors: {@code {"error_code","error_msg"}}, except 404 which is a Kubernetes {@code Status}.
 */
final class CceRenderer implements ServiceRenderer {
    static final CceRenderer INSTANCE = new CceRenderer();
    /** The cluster used for tasks created from Java without a resource. */
    static final String DEFAULT_CLUSTER = "4d1ecb2c-229a-11e8-9c75-0255ac100ceb";

    private CceRenderer() {
    }

    @Override
    public CloudService service() {
        return CloudService.CCE;
    }

    @Override
    public byte[] progress(SimTask task, TaskSnapshot s) {
        String cluster = task.resourceId() != null ? task.resourceId() : DEFAULT_CLUSTER;
        String nodeId = Ids.uuidFrom(task.id() + ":node");
        JsonArrayBuilder subJobs = JsonUtil.array();
        int i = 0;
        for (StepView step : s.steps()) {
            Instant updated = step.end() != null ? step.end() : step.begin() != null ? step.begin() : task.createdAt();
            JsonObjectBuilder status = JsonUtil.object().add("phase", phase(step.state()));
            if (step.state() == TaskSnapshot.StepState.FAILED) {
                status.add("reason", reason(task)).add("message", reason(task));
            }
            subJobs.add(JsonUtil.object().add("kind", "Job").add("apiVersion", "v3")
                    .add("metadata", JsonUtil.object().add("uid", Ids.uuidFrom(task.id() + ":sub:" + i++))
                            .add("creationTimestamp", TimeFormats.cce(task.createdAt()))
                            .add("updateTimestamp", TimeFormats.cce(updated)))
                    .add("spec", JsonUtil.object().add("type", step.name()).add("clusterUID", cluster)
                            .add("resourceID", nodeId).add("extendParam", JsonUtil.object().add("serverID", nodeId))
                            .add("ownerJob", task.id()))
                    .add("status", status));
        }
        String jobPhase = switch (s.phase()) {
            case QUEUED -> "Initializing";
            case RUNNING -> "Running";
            case SUCCEEDED -> "Success";
            case FAILED -> "Failed";
        };
        String type = task.timeline().name() != null ? task.timeline().name() : "CreateNode";
        return JsonUtil.bytes(JsonUtil.object().add("kind", "Job").add("apiVersion", "v3")
                .add("metadata", JsonUtil.object().add("uid", task.id())
                        .add("creationTimestamp", TimeFormats.cce(task.createdAt()))
                        .add("updateTimestamp", TimeFormats.cce(s.updatedAt())))
                .add("spec", JsonUtil.object().add("type", type).add("clusterUID", cluster)
                        .add("resourceID", nodeId).add("resourceName", "node-" + nodeId.substring(0, 8))
                        .add("extendParam", JsonUtil.object()).add("subJobs", subJobs))
                .add("status", JsonUtil.object().add("phase", jobPhase)
                        .add("reason", s.phase() == TaskSnapshot.Phase.FAILED ? reason(task) : "")
                        .add("message", s.phase() == TaskSnapshot.Phase.FAILED ? reason(task) : ""))
                .build());
    }

    private static String reason(SimTask task) {
        TaskFailure f = task.timeline().failure();
        return f.code() + ": " + f.detail();
    }

    private static String phase(TaskSnapshot.StepState state) {
        return switch (state) {
            case WAITING -> "Initializing";
            case EXECUTING -> "Running";
            case FINISH -> "Success";
            case FAILED -> "Failed";
        };
    }

    @Override
    public SimResponse submitted(SimTask task, TaskSnapshot s) {
        String nodeId = Ids.uuidFrom(task.id() + ":node");
        String cluster = task.resourceId() != null ? task.resourceId() : DEFAULT_CLUSTER;
        byte[] body = JsonUtil.bytes(JsonUtil.object().add("kind", "Node").add("apiVersion", "v3")
                .add("metadata", JsonUtil.object().add("name", "node-" + nodeId.substring(0, 8)).add("uid", nodeId))
                .add("spec", JsonUtil.object().add("flavor", "s3.large.2").add("az", "eu-de-01")
                        .add("count", 1).add("clusterUID", cluster))
                .add("status", JsonUtil.object().add("jobID", task.id()))
                .build());
        return SimResponse.json(201, body);
    }

    @Override
    public SimResponse error(int status, String code, String message) {
        if (code != null && code.startsWith("APIGW.")) {
            return ServiceRenderer.gatewayError(status, code, message);
        }
        if (status == 401 && code == null) {
            return ServiceRenderer.gatewayError(status, "APIGW.0301", message);
        }
        if (status == 404 && code == null) {
            return SimResponse.json(404, JsonUtil.bytes(JsonUtil.object().add("kind", "Status").add("apiVersion", "v1")
                    .add("metadata", JsonUtil.object()).add("status", "Failure").add("message", message)
                    .add("reason", "NotFound").add("code", 404).build()));
        }
        String c = code != null ? code : switch (status) {
            case 400 -> "CCE.01400001";
            case 403 -> "CCE.01403001";
            case 404 -> "CCE.01404001";
            case 429 -> InjectedFault.CCE_THROTTLED;
            default -> "CCE.01500001";
        };
        return SimResponse.json(status, JsonUtil.bytes(JsonUtil.object().add("error_code", c)
                .add("error_msg", message).build()));
    }
}
