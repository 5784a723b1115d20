package dev.cloudtask.mrs;

import static dev.cloudtask.TaskState.FAILED;
import static dev.cloudtask.TaskState.RUNNING;
import static dev.cloudtask.TaskState.SUCCEEDED;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskState;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.TaskStep;
import dev.cloudtask.internal.StateTable;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Maps an {@link MrsCommandProgress} to the normalized {@link TaskStatus}.
 *
 * <table>
 * <caption>MRS Manager {@code state}</caption>
 * <tr><th>state</th><th>state</th></tr>
 * <tr><td>NEW, IN_PROGRESS</td><td>RUNNING</td></tr>
 * <tr><td>COMPLETE</td><td>SUCCEEDED</td></tr>
 * <tr><td>FAILED</td><td>FAILED</td></tr>
 * <tr><td>anything else, or missing</td><td>UNKNOWN (raw value kept, logged once)</td></tr>
 * </table>
 *
 * <p>{@code percent} comes from {@code total_progress}. Steps come from {@code res_obj.step_list};
 * MRS reports no per-step state, so a step is SUCCEEDED when the command is COMPLETE and UNKNOWN
 * otherwise (its remote state is null). The error code ({@code error_code}, {@code 0} meaning none)
 * and message ({@code error_description}, plus the failed entities) are reported when the command
 * FAILED or sent a non-zero error code.
 */
public final class MrsStatusMapping {
    /** The table: {@code state} to state. */
    public static final Map<String, TaskState> STATES = Map.of(
            "NEW", RUNNING,
            "IN_PROGRESS", RUNNING,
            "COMPLETE", SUCCEEDED,
            "FAILED", FAILED);

    private static final StateTable TABLE = StateTable.of(CloudService.MRS, "state", STATES);

    private MrsStatusMapping() {
    }

    /** The normalized status of {@code progress}; a null progress is UNKNOWN. */
    public static TaskStatus toStatus(MrsCommandProgress progress) {
        if (progress == null) {
            return TaskStatus.of(TABLE.lookup(null), null);
        }
        TaskState state = TABLE.lookup(progress.state());
        MrsResult res = progress.resObj();
        TaskState stepState = state == SUCCEEDED ? SUCCEEDED : TaskState.UNKNOWN;
        List<TaskStep> steps = res == null ? List.of() : res.stepList().stream()
                .map(s -> new TaskStep(s.name(), null, stepState))
                .toList();
        boolean error = state == FAILED || progress.hasErrorCode();
        String code = error && progress.hasErrorCode() ? progress.errorCode().strip() : null;
        String message = error ? message(progress) : null;
        Integer percent = progress.percent().isPresent() ? progress.percent().getAsInt() : null;
        return new TaskStatus(state, percent, progress.state(), steps, code, message, null, null, null);
    }

    private static String message(MrsCommandProgress progress) {
        String description = progress.errorDescription() == null || progress.errorDescription().isBlank()
                ? null : progress.errorDescription();
        List<MrsFailEntity> failed = progress.resObj() == null ? List.of() : progress.resObj().failEntityList();
        if (failed.isEmpty()) {
            return description;
        }
        String entities = failed.stream()
                .map(f -> f.failEntity() + (f.operationType() == null ? "" : " (" + f.operationType() + ")"))
                .collect(Collectors.joining(", ", "failed: ", ""));
        return description == null ? entities : description + "; " + entities;
    }
}
