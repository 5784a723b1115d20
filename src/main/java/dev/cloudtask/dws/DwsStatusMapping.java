package dev.cloudtask.dws;

import static dev.cloudtask.TaskState.FAILED;
import static dev.cloudtask.TaskState.RUNNING;
import static dev.cloudtask.TaskState.SUCCEEDED;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskState;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.internal.StateTable;
import java.util.List;
import java.util.Map;

/**
 * Maps a {@link DwsJob} to the normalized {@link TaskStatus}.
 *
 * <table>
 * <caption>DWS {@code status}</caption>
 * <tr><th>status</th><th>state</th></tr>
 * <tr><td>INIT, WAITING, RUNNING, DELAY_SCHEDULED</td><td>RUNNING</td></tr>
 * <tr><td>SUCCESS</td><td>SUCCEEDED</td></tr>
 * <tr><td>FAIL, ERROR, STOP</td><td>FAILED</td></tr>
 * <tr><td>anything else, or missing</td><td>UNKNOWN (raw value kept, logged once)</td></tr>
 * </table>
 *
 * <p>{@code percent} comes from {@code progress} ({@code "9%"}); {@code failed_code} and
 * {@code failed_detail} become the error code and message whenever they are present and not blank.
 */
public final class DwsStatusMapping {
    /** The table: {@code status} to state. */
    public static final Map<String, TaskState> STATUSES = Map.of(
            "INIT", RUNNING,
            "WAITING", RUNNING,
            "RUNNING", RUNNING,
            "DELAY_SCHEDULED", RUNNING,
            "SUCCESS", SUCCEEDED,
            "FAIL", FAILED,
            "ERROR", FAILED,
            "STOP", FAILED);

    private static final StateTable TABLE = StateTable.of(CloudService.DWS, "status", STATUSES);

    private DwsStatusMapping() {
    }

    /** The normalized status of {@code job}; a null job is UNKNOWN. */
    public static TaskStatus toStatus(DwsJob job) {
        if (job == null) {
            return TaskStatus.of(TABLE.lookup(null), null);
        }
        Integer percent = job.percent().isPresent() ? job.percent().getAsInt() : null;
        return new TaskStatus(TABLE.lookup(job.status()), percent, job.status(), List.of(),
                blankToNull(job.failedCode()), blankToNull(job.failedDetail()), null, null, null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
