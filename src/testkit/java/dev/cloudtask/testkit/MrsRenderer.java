package dev.cloudtask.testkit;

import dev.cloudtask.CloudService;
import dev.cloudtask.testkit.TaskSnapshot.StepState;
import dev.cloudtask.testkit.TaskSnapshot.StepView;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;

/**
 * MRS Manager: {@code GET /web/v1/common/command/{command_id}/progress} answers {@code id} (number),
 * {@code state} (NEW, IN_PROGRESS, COMPLETE, FAILED), {@code error_code} (integer, 0 unless failed),
 * {@code error_description}, {@code total_progress} (float) and {@code res_obj} with
 * {@code step_list[]}, {@code fail_entity_list[]}, {@code total_step_size}. Errors:
 * {@code {"error_code": <int>, "error_description": "..."}}.
 */
final class MrsRenderer implements ServiceRenderer {
    static final MrsRenderer INSTANCE = new MrsRenderer();
    /** The cluster id reported in {@code res_obj.cluster_id}. */
    static final int CLUSTER_ID = 1;

    private MrsRenderer() {
    }

    @Override
    public CloudService service() {
        return CloudService.MRS;
    }

    @Override
    public byte[] progress(SimTask task, TaskSnapshot s) {
        return JsonUtil.bytes(body(task, s).build());
    }

    private JsonObjectBuilder body(SimTask task, TaskSnapshot s) {
        JsonArrayBuilder steps = JsonUtil.array();
        JsonArrayBuilder failures = JsonUtil.array();
        for (StepView step : s.steps()) {
            steps.add(JsonUtil.object().add("name", step.name()).add("description", describe(step.state())));
            if (step.state() == StepState.FAILED) {
                failures.add(JsonUtil.object().add("fail_entity", step.name()).add("operation_type", "START"));
            }
        }
        JsonObjectBuilder b = command(task, s, "NEW");
        if (s.progress() != null) {
            b.add("total_progress", new BigDecimal(s.progress()).setScale(1));
        }
        return b.add("res_obj", JsonUtil.object().add("cluster_id", CLUSTER_ID).add("step_list", steps)
                .add("fail_entity_list", failures).add("total_step_size", s.steps().size()));
    }

    /** {@code id}, {@code state} ({@code queued} while the command waits), {@code error_code}, {@code error_description}. */
    private static JsonObjectBuilder command(SimTask task, TaskSnapshot s, String queued) {
        String state = switch (s.phase()) {
            case QUEUED -> queued;
            case RUNNING -> "IN_PROGRESS";
            case SUCCEEDED -> "COMPLETE";
            case FAILED -> "FAILED";
        };
        boolean failed = s.phase() == TaskSnapshot.Phase.FAILED;
        TaskFailure f = task.timeline().failure();
        return JsonUtil.object().add("id", Long.parseLong(task.id())).add("state", state)
                .add("error_code", failed ? Integer.parseInt(f.code()) : 0)
                .add("error_description", failed ? f.detail() : "");
    }

    private static String describe(StepState state) {
        return switch (state) {
            case WAITING -> "Waiting";
            case EXECUTING -> "In progress";
            case FINISH -> "Completed";
            case FAILED -> "Failed";
        };
    }

    /**
     * The answer to a service start or stop: {@code id} (the command to follow), {@code state}
     * (IN_PROGRESS, or COMPLETE / FAILED when the command has already ended), {@code error_code},
     * {@code error_description} and {@code total_progress}.
     */
    @Override
    public SimResponse submitted(SimTask task, TaskSnapshot s) {
        BigDecimal progress = s.progress() == null ? BigDecimal.ZERO : new BigDecimal(s.progress());
        return SimResponse.json(200, JsonUtil.bytes(command(task, s, "IN_PROGRESS")
                .add("total_progress", progress.setScale(1)).build()));
    }

    @Override
    public SimResponse error(int status, String code, String message) {
        int c;
        if (code != null && code.matches("-?\\d{1,9}")) {
            c = Integer.parseInt(code);
        } else {
            c = switch (status) {
                case 400 -> 12000;
                case 401 -> ManagerLogin.ERR_SESSION_EXPIRED;
                case 403 -> 12003;
                case 404 -> 12004;
                case 429 -> 12029;
                default -> 12500;
            };
        }
        return error(status, c, code != null && c != parseOrMin(code) ? code + ": " + message : message);
    }

    private static int parseOrMin(String code) {
        try {
            return Integer.parseInt(code);
        } catch (NumberFormatException e) {
            return Integer.MIN_VALUE;
        }
    }

    /** An MRS Manager error body. */
    static SimResponse error(int status, int code, String description) {
        return SimResponse.json(status, JsonUtil.bytes(JsonUtil.object().add("error_code", code)
                .add("error_description", description).build()));
    }
}
