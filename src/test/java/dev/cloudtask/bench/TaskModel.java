package dev.cloudtask.bench;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskState;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.TaskStep;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a service reports about a {@link Workload.Task} at a given time: the in-process stand-in
 * for the simulator, following the same timelines. CCE reports sub-jobs (20, or 5 for the STEPS
 * shape), DCS percent and a remaining time extrapolated from it (as a server would), DWS and MRS
 * percent; the NONE shape reports only the state.
 */
public final class TaskModel {
    private TaskModel() {
    }

    /** The status of {@code task} at {@code now}. */
    public static TaskStatus statusAt(Workload.Task task, Instant now) {
        double elapsed = Duration.between(task.submittedAt(), now).toMillis() / 1000.0;
        double total = task.duration().toMillis() / 1000.0;
        if (elapsed >= total) {
            return task.fails()
                    ? new TaskStatus(TaskState.FAILED, null, "FAILED", List.of(), "SIM.0001", "simulated failure",
                            null, null, null)
                    : new TaskStatus(TaskState.SUCCEEDED, 100, "SUCCESS", List.of(), null, null, null, null, null);
        }
        double f = fraction(task, Math.max(0, elapsed) / total);
        if (task.shape() == Workload.Shape.NONE) {
            return TaskStatus.of(TaskState.RUNNING, "RUNNING");
        }
        CloudService s = task.ref().service();
        if (s == CloudService.CCE) {
            int parts = task.shape() == Workload.Shape.STEPS ? 5 : 20;
            int done = (int) Math.floor(f * parts + 1e-9);
            List<TaskStep> steps = new ArrayList<>();
            for (int i = 0; i < parts; i++) {
                steps.add(new TaskStep("sub" + i, i < done ? "Success" : "Running",
                        i < done ? TaskState.SUCCEEDED : TaskState.RUNNING));
            }
            return new TaskStatus(TaskState.RUNNING, null, "Running", steps, null, null, null, done, parts);
        }
        int percent = (int) Math.floor(f * 100 + 1e-9);
        Duration remaining = null;
        if (s == CloudService.DCS && percent > 0) {
            remaining = Duration.ofSeconds((long) (elapsed * (100 - percent) / percent));
        }
        return new TaskStatus(TaskState.RUNNING, Math.min(99, percent), "RUNNING", List.of(), null, null,
                remaining, null, null);
    }

    /** The completed fraction at relative time {@code x} in [0, 1). */
    static double fraction(Workload.Task task, double x) {
        return switch (task.shape()) {
            case LINEAR, NONE -> x;
            case STEPS -> Math.floor(x * 5) / 5;
            case STALLS -> stalled(task.stallAt(), x);
        };
    }

    /** Even progress that stands still for 0.15 of the duration at each of the two stall starts. */
    private static double stalled(double[] at, double x) {
        double stall = 0.15;
        double active = 1 - 2 * stall;
        double moving = x;
        for (double a : at) {
            if (x > a) {
                moving -= Math.min(stall, x - a);
            }
        }
        return Math.max(0, Math.min(1, moving / active));
    }
}
