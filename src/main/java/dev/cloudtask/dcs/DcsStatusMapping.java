package dev.cloudtask.dcs;

import static dev.cloudtask.TaskState.FAILED;
import static dev.cloudtask.TaskState.RUNNING;
import static dev.cloudtask.TaskState.SUCCEEDED;
import static dev.cloudtask.TaskState.UNKNOWN;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskState;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.TaskStep;
import dev.cloudtask.internal.StateTable;
import java.util.List;
import java.util.Map;

/**
 * Maps a {@link DcsTaskProgress} to the normalized {@link TaskStatus}.
 *
 * <table>
 * <caption>DCS {@code step_status} / {@code sub_step_status}</caption>
 * <tr><th>status</th><th>state of that step</th></tr>
 * <tr><td>EXECUTING, WAITING, SUSPEND</td><td>RUNNING</td></tr>
 * <tr><td>FINISH</td><td>SUCCEEDED</td></tr>
 * <tr><td>FAILED, CANCELED</td><td>FAILED</td></tr>
 * <tr><td>anything else, or missing</td><td>UNKNOWN (raw value kept, logged once)</td></tr>
 * </table>
 *
 * <p>The task's state, first rule that matches wins:
 * <ol>
 *   <li>a step or sub-step FAILED → FAILED, error code = that sub-step's {@code error_code} (else
 *       the step's), message names the step, sub-step and its {@code detail};</li>
 *   <li>a step in an unknown status → UNKNOWN, remote state = that value;</li>
 *   <li>steps present, all FINISH, and {@code progress} 100 or absent → SUCCEEDED; no steps and
 *       {@code progress} 100 → SUCCEEDED;</li>
 *   <li>steps present or {@code progress} present → RUNNING;</li>
 *   <li>nothing at all → UNKNOWN.</li>
 * </ol>
 * The remote state is the status of the first step that has not finished ({@code FINISH} when all
 * have, null without steps); {@code remain_time} becomes {@code remaining}. DCS fills
 * {@code error_code} even on finished steps, so it is reported only on failure.
 */
public final class DcsStatusMapping {
    /** The table: {@code step_status} and {@code sub_step_status} to the step's state. */
    public static final Map<String, TaskState> STEP_STATUSES = Map.of(
            "EXECUTING", RUNNING,
            "WAITING", RUNNING,
            "SUSPEND", RUNNING,
            "FINISH", SUCCEEDED,
            "FAILED", FAILED,
            "CANCELED", FAILED);

    private static final StateTable STEP = StateTable.of(CloudService.DCS, "step_status", STEP_STATUSES);
    private static final StateTable SUB_STEP = StateTable.of(CloudService.DCS, "sub_step_status", STEP_STATUSES);

    private DcsStatusMapping() {
    }

    /** The normalized status of {@code task}; a null task is UNKNOWN. */
    public static TaskStatus toStatus(DcsTaskProgress task) {
        if (task == null) {
            return TaskStatus.of(UNKNOWN, null);
        }
        List<DcsStepDetail> details = task.stepDetails();
        List<TaskStep> steps = details.stream()
                .map(d -> new TaskStep(d.stepName(), d.stepStatus(), STEP.lookup(d.stepStatus())))
                .toList();
        Integer percent = task.percent().isPresent() ? task.percent().getAsInt() : null;
        String remote = steps.stream().filter(s -> s.state() != SUCCEEDED).findFirst()
                .map(TaskStep::remoteState).orElse(steps.isEmpty() ? null : "FINISH");
        Failure failure = firstFailure(details);
        TaskState state;
        if (failure != null) {
            state = FAILED;
            remote = failure.remoteState;
        } else if (steps.stream().anyMatch(s -> s.state() == UNKNOWN)) {
            state = UNKNOWN;
        } else if (percent != null && percent == 100 || !steps.isEmpty() && percent == null) {
            state = steps.stream().allMatch(s -> s.state() == SUCCEEDED) ? SUCCEEDED : RUNNING;
        } else {
            state = steps.isEmpty() && percent == null ? UNKNOWN : RUNNING;
        }
        return new TaskStatus(state, percent, remote, steps,
                failure == null ? null : failure.code, failure == null ? null : failure.message,
                task.remaining().orElse(null), null, null);
    }

    private record Failure(String remoteState, String code, String message) {
    }

    private static Failure firstFailure(List<DcsStepDetail> details) {
        for (DcsStepDetail d : details) {
            for (DcsSubStepDetail sub : d.subStepDetails()) {
                if (SUB_STEP.lookup(sub.subStepStatus()) == FAILED) {
                    String code = blank(sub.errorCode()) ? d.errorCode() : sub.errorCode();
                    String message = "step '" + d.stepName() + "' failed at sub-step '" + sub.subStepName() + "'"
                            + (blank(sub.detail()) ? "" : ": " + sub.detail());
                    return new Failure(sub.subStepStatus(), blank(code) ? null : code, message);
                }
            }
            if (STEP.lookup(d.stepStatus()) == FAILED) {
                return new Failure(d.stepStatus(), blank(d.errorCode()) ? null : d.errorCode(),
                        "step '" + d.stepName() + "' failed");
            }
        }
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
