package dev.cloudtask.testkit;

import dev.cloudtask.CloudService;
import jakarta.json.JsonObjectBuilder;

/**
 * DWS: {@code GET /v1.0/{project_id}/job/{job_id}} answers {@code job_id}, {@code job_name},
 * {@code begin_time}, {@code end_time} (once finished), {@code status} (INIT, RUNNING, SUCCESS, FAIL),
 * {@code progress} as a string ({@code "9%"}), and on failure {@code failed_code} and
 * {@code failed_detail}. Times {@code 2022-11-09T20:25:00}. Errors: {@code error_code}, {@code error_msg}.
 */
final class DwsRenderer implements ServiceRenderer {
    static final DwsRenderer INSTANCE = new DwsRenderer();

    private DwsRenderer() {
    }

    @Override
    public CloudService service() {
        return CloudService.DWS;
    }

    @Override
    public byte[] progress(SimTask task, TaskSnapshot s) {
        String status = switch (s.phase()) {
            case QUEUED -> "INIT";
            case RUNNING -> "RUNNING";
            case SUCCEEDED -> "SUCCESS";
            case FAILED -> "FAIL";
        };
        JsonObjectBuilder b = JsonUtil.object().add("job_id", task.id())
                .add("job_name", task.timeline().name() != null ? task.timeline().name() : "resizeClusterJob")
                .add("begin_time", TimeFormats.dws(task.createdAt()));
        if (s.endedAt() != null) {
            b.add("end_time", TimeFormats.dws(s.endedAt()));
        }
        b.add("status", status);
        if (s.progress() != null) {
            b.add("progress", s.progress() + "%");
        }
        if (s.phase() == TaskSnapshot.Phase.FAILED) {
            TaskFailure f = task.timeline().failure();
            b.add("failed_code", f.code()).add("failed_detail", f.detail());
        }
        return JsonUtil.bytes(b.build());
    }

    @Override
    public SimResponse submitted(SimTask task, TaskSnapshot s) {
        return SimResponse.json(200, JsonUtil.bytes(JsonUtil.object().add("job_id", task.id()).build()));
    }

    @Override
    public SimResponse error(int status, String code, String message) {
        SimResponse gateway = ServiceRenderer.gatewayAnswer(status, code, message);
        if (gateway != null) {
            return gateway;
        }
        String c = code != null ? code : switch (status) {
            case 400 -> "DWS.0001";
            case 403 -> "DWS.0003";
            case 404 -> "DWS.0015";
            default -> "DWS.0005";
        };
        return SimResponse.json(status, JsonUtil.bytes(JsonUtil.object().add("error_code", c)
                .add("error_msg", message).build()));
    }
}
