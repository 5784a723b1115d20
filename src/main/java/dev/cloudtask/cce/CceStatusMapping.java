package dev.cloudtask.cce;

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

/**
 * Maps a {@link CceJob} to the normalized {@link TaskStatus}.
 *
 * <table>
 * <caption>CCE {@code status.phase} (also used for each sub-job)</caption>
 * <tr><th>phase</th><th>state</th></tr>
 * <tr><td>Initializing, Running</td><td>RUNNING</td></tr>
 * <tr><td>Success</td><td>SUCCEEDED</td></tr>
 * <tr><td>Failed</td><td>FAILED</td></tr>
 * <tr><td>anything else, or missing</td><td>UNKNOWN (raw value kept, logged once)</td></tr>
 * </table>
 *
 * <p>The job's own phase decides the state. Each sub-job becomes a {@link TaskStep} named by its
 * {@code spec.type}; {@code subTasksDone} counts sub-jobs in {@code Success}, {@code subTasksTotal} all
 * of them. CCE reports no percentage, so {@code percent} is null. On failure the error message is
 * {@code status.reason}, else {@code status.message}, else the first failed sub-job's type and
 * reason (or message); CCE sends no error code.
 */
public final class CceStatusMapping {
    /** The table: {@code status.phase} to state. */
    public static final Map<String, TaskState> PHASES = Map.of(
            "Initializing", RUNNING,
            "Running", RUNNING,
            "Success", SUCCEEDED,
            "Failed", FAILED);

    private static final StateTable JOB = StateTable.of(CloudService.CCE, "status.phase", PHASES);
    private static final StateTable SUB_JOB = StateTable.of(CloudService.CCE, "subJobs[].status.phase", PHASES);

    private CceStatusMapping() {
    }

    /** The normalized status of {@code job}; a null job is UNKNOWN. */
    public static TaskStatus toStatus(CceJob job) {
        if (job == null) {
            return TaskStatus.of(JOB.lookup(null), null);
        }
        TaskState state = JOB.lookup(job.phase());
        List<TaskStep> steps = job.subJobs().stream()
                .map(sub -> new TaskStep(sub.spec() == null ? null : sub.spec().type(), sub.phase(),
                        SUB_JOB.lookup(sub.phase())))
                .toList();
        int done = (int) steps.stream().filter(s -> s.state() == SUCCEEDED).count();
        String message = state == FAILED ? failureMessage(job) : null;
        return new TaskStatus(state, null, job.phase(), steps, null, message, null, done, steps.size());
    }

    private static String failureMessage(CceJob job) {
        String own = explanation(job);
        if (own != null) {
            return own;
        }
        return job.subJobs().stream()
                .filter(sub -> SUB_JOB.lookup(sub.phase()) == FAILED)
                .findFirst()
                .map(sub -> "sub-job " + (sub.spec() == null ? "?" : sub.spec().type()) + " failed"
                        + (explanation(sub) == null ? "" : ": " + explanation(sub)))
                .orElse(null);
    }

    /** {@code status.reason}, else {@code status.message}; null when both are empty. */
    private static String explanation(CceJob job) {
        if (job.reason() != null && !job.reason().isBlank()) {
            return job.reason();
        }
        return job.message() != null && !job.message().isBlank() ? job.message() : null;
    }
}
