package dev.cloudtask.testkit;

import dev.cloudtask.CloudService;
import dev.cloudtask.testkit.TaskSnapshot.StepState;
import dev.cloudtask.testkit.TaskSnapshot.StepView;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

/**
 * DCS: {@code GET /v2/{project_id}/instances/{instance_id}/tasks/{task_id}/progress} answers
 * {@code progress} (integer %), {@code remain_time} (s), and {@code step_details[]} with
 * {@code sub_step_details[]} in FINISH / EXECUTING / WAITING / FAILED. Times {@code 2022-09-01 11:52:24}.
 * Errors: {@code error_code}, {@code error_msg}, {@code error_ext_msg} (null).
 */
final class DcsRenderer implements ServiceRenderer {
    static final DcsRenderer INSTANCE = new DcsRenderer();
    /** Name of the implicit step of a timeline without steps (and without a name). */
    static final String IMPLICIT_STEP = "Task";

    private DcsRenderer() {
    }

    @Override
    public CloudService service() {
        return CloudService.DCS;
    }

    @Override
    public byte[] progress(SimTask task, TaskSnapshot s) {
        JsonObjectBuilder root = JsonUtil.object();
        if (s.progress() != null) {
            root.add("progress", s.progress());
        }
        if (s.progress() != null && s.remainingSeconds() != null) {
            root.add("remain_time", s.remainingSeconds());
        }
        TaskFailure failure = task.timeline().failure();
        JsonArrayBuilder steps = JsonUtil.array();
        int i = 0;
        for (StepView step : stepsOf(task, s)) {
            String stepId = Ids.uuidFrom(task.id() + ":step:" + i);
            JsonObjectBuilder sj = JsonUtil.object().add("step_id", stepId).add("step_name", step.name())
                    .add("step_status", step.state().name());
            times(sj, step);
            if (step.state() == StepState.FAILED) {
                sj.add("error_code", failure.code());
            }
            JsonArrayBuilder subs = JsonUtil.array();
            int j = 0;
            for (StepView sub : step.subSteps()) {
                JsonObjectBuilder ss = JsonUtil.object().add("sub_step_id", Ids.uuidFrom(stepId + ":" + j++))
                        .add("sub_step_name", sub.name()).add("sub_step_status", sub.state().name());
                times(ss, sub);
                ss.add("detail", sub.state() == StepState.FAILED ? failure.detail() : "");
                if (sub.state() == StepState.FAILED) {
                    ss.add("error_code", failure.code());
                }
                subs.add(ss);
            }
            sj.add("sub_step_details", subs);
            steps.add(sj);
            i++;
        }
        root.add("step_details", steps);
        return JsonUtil.bytes(root.build());
    }

    /**
     * The steps to show. DCS reports a task's state only in its steps, so a timeline without steps
     * is shown as one implicit step (named after the timeline, else {@value #IMPLICIT_STEP}) with one
     * sub-step of the same name, spanning the whole run; otherwise a failed step-less task would look
     * like a running one forever. The progress value is unaffected. For the same reason a running
     * task whose steps have all finished (progress that reached 100 % early, {@link ProgressShape#OVERSHOOT})
     * shows its last step, and that step's last sub-step, still EXECUTING.
     */
    static java.util.List<StepView> stepsOf(SimTask task, TaskSnapshot s) {
        if (!s.steps().isEmpty()) {
            java.util.List<StepView> steps = s.steps();
            StepView last = steps.get(steps.size() - 1);
            if (s.phase() == TaskSnapshot.Phase.RUNNING && last.state() == StepState.FINISH) {
                java.util.List<StepView> out = new java.util.ArrayList<>(steps.subList(0, steps.size() - 1));
                out.add(executing(last));
                return out;
            }
            return steps;
        }
        String name = task.timeline().name() != null ? task.timeline().name() : IMPLICIT_STEP;
        StepState state = switch (s.phase()) {
            case QUEUED -> StepState.WAITING;
            case RUNNING -> StepState.EXECUTING;
            case SUCCEEDED -> StepState.FINISH;
            case FAILED -> StepState.FAILED;
        };
        StepView sub = new StepView(name, state, s.startedAt(), s.endedAt(), java.util.List.of());
        return java.util.List.of(new StepView(name, state, s.startedAt(), s.endedAt(), java.util.List.of(sub)));
    }

    /** {@code step} still executing: no end time, its last sub-step executing too. */
    private static StepView executing(StepView step) {
        java.util.List<StepView> subs = new java.util.ArrayList<>(step.subSteps());
        if (!subs.isEmpty()) {
            subs.set(subs.size() - 1, executing(subs.get(subs.size() - 1)));
        }
        return new StepView(step.name(), StepState.EXECUTING, step.begin(), null, java.util.List.copyOf(subs));
    }

    private static void times(JsonObjectBuilder b, StepView step) {
        if (step.begin() != null) {
            b.add("begin_time", TimeFormats.dcs(step.begin()));
        }
        if (step.end() != null) {
            b.add("end_time", TimeFormats.dcs(step.end()));
        }
    }

    /**
     * DCS operations (such as {@code POST .../resize}) answer 204 without a body: the task they start
     * is found in the instance's background-task list ({@link #taskList}).
     */
    @Override
    public SimResponse submitted(SimTask task, TaskSnapshot s) {
        return SimResponse.empty(204);
    }

    /** Name of a background task started by a resize (DCS calls specification changes {@code EXTEND}). */
    static final String RESIZE_TASK_NAME = "EXTEND";

    /**
     * {@code GET /v2/{project_id}/instances/{instance_id}/tasks}: {@code task_count} (a string) and
     * {@code tasks[]} with {@code id}, {@code name} (the timeline's name, else {@value #RESIZE_TASK_NAME}),
     * {@code status} (CREATED, EXECUTING, SUCCESS, FAILED), {@code created_at} and {@code updated_at}
     * ({@code 2020-06-17T07:38:42.503Z}), newest first.
     */
    static byte[] taskList(java.util.List<SimTask> tasks, java.time.Instant now) {
        JsonArrayBuilder list = JsonUtil.array();
        java.util.List<SimTask> newestFirst = new java.util.ArrayList<>(tasks);
        newestFirst.sort(java.util.Comparator.comparing(SimTask::createdAt).reversed());
        for (SimTask t : newestFirst) {
            TaskSnapshot s = TaskProgress.at(t, now);
            String status = switch (s.phase()) {
                case QUEUED -> "CREATED";
                case RUNNING -> "EXECUTING";
                case SUCCEEDED -> "SUCCESS";
                case FAILED -> "FAILED";
            };
            list.add(JsonUtil.object().add("id", t.id())
                    .add("name", t.timeline().name() != null ? t.timeline().name() : RESIZE_TASK_NAME)
                    .add("user_name", "sim-user").add("user_id", Ids.uuidFrom("sim-user"))
                    .add("params", "{}").add("status", status)
                    .add("created_at", TimeFormats.dcsTaskList(t.createdAt()))
                    .add("updated_at", TimeFormats.dcsTaskList(s.updatedAt())));
        }
        return JsonUtil.bytes(JsonUtil.object().add("task_count", Integer.toString(newestFirst.size()))
                .add("tasks", list).build());
    }

    @Override
    public SimResponse error(int status, String code, String message) {
        SimResponse gateway = ServiceRenderer.gatewayAnswer(status, code, message);
        if (gateway != null) {
            return gateway;
        }
        String c = code != null ? code : switch (status) {
            case 400 -> "DCS.4000";
            case 403 -> "DCS.4030";
            case 404 -> "DCS.4049";
            default -> "DCS.5000";
        };
        return SimResponse.json(status, JsonUtil.bytes(JsonUtil.object().add("error_code", c)
                .add("error_msg", message).addNull("error_ext_msg").build()));
    }
}
