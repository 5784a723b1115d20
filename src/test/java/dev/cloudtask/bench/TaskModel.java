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
 * for the simulator, following the same timelines. CCE reports sub-jobs (20; 5 for the STEPS shape,
 * 4 for COARSE_STEPS), DCS percent and a remaining time extrapolated from it (as a server would),
 * DWS and MRS percent; the NONE shape reports only the state. Percent is whole (floored) and at most
 * 99 while running, except for OVERSHOOT, which reports 100 % before it ends. A task that fails
 * early fails at {@code failsAfter}, reporting the progress it had reached until then.
 */
public final class TaskModel {
    private TaskModel() {
    }

    /** The status of {@code task} at {@code now}. */
    public static TaskStatus statusAt(Workload.Task task, Instant now) {
        double elapsed = Duration.between(task.submittedAt(), now).toMillis() / 1000.0;
        double total = task.duration().toMillis() / 1000.0;
        if (!now.isBefore(task.endsAt())) {
            return task.fails()
                    ? new TaskStatus(TaskState.FAILED, null, "FAILED", List.of(), "SIM.0001", "simulated failure",
                            null, null, null)
                    : new TaskStatus(TaskState.SUCCEEDED, 100, "SUCCESS", List.of(), null, null, null, null, null);
        }
        double f = fraction(task, Math.max(0, elapsed) / total);
        if (task.shape() == Workload.Shape.NONE) {
            return TaskStatus.of(TaskState.RUNNING, "RUNNING");
        }
        int cap = task.shape() == Workload.Shape.OVERSHOOT ? 100 : 99;
        CloudService s = task.ref().service();
        if (s == CloudService.CCE) {
            int parts = switch (task.shape()) {
                case STEPS -> 5;
                case COARSE_STEPS -> 4;
                default -> 20;
            };
            int done = Math.min(cap == 100 ? parts : parts - 1, (int) Math.floor(f * parts + 1e-9));
            List<TaskStep> steps = new ArrayList<>();
            for (int i = 0; i < parts; i++) {
                steps.add(new TaskStep("sub" + i, i < done ? "Success" : "Running",
                        i < done ? TaskState.SUCCEEDED : TaskState.RUNNING));
            }
            return new TaskStatus(TaskState.RUNNING, null, "Running", steps, null, null, null, done, parts);
        }
        int percent = Math.min(cap, (int) Math.floor(f * 100 + 1e-9));
        Duration remaining = null;
        if (s == CloudService.DCS && percent > 0) {
            remaining = Duration.ofSeconds((long) (elapsed * (100 - percent) / percent));
        }
        return new TaskStatus(TaskState.RUNNING, percent, "RUNNING", List.of(), null, null,
                remaining, null, null);
    }

    /** The completed fraction at relative time {@code x} in [0, 1). */
    static double fraction(Workload.Task task, double x) {
        double[] p = task.params();
        return switch (task.shape()) {
            case LINEAR, NONE -> x;
            case STEPS -> Math.floor(x * 5) / 5;
            case STALLS -> stalled(p, x);
            case S_CURVE -> x * x * (3 - 2 * x);
            case LATE_RUSH -> x < p[0] ? p[1] * x / p[0] : p[1] + (1 - p[1]) * (x - p[0]) / (1 - p[0]);
            case DIPS -> Math.max(0, x - dip(p, 0, x) - dip(p, 3, x));
            case OVERSHOOT -> Math.min(1, x / p[0]);
            case COARSE_STEPS -> (x >= p[0] ? 0.25 : 0) + (x >= p[1] ? 0.25 : 0) + (x >= p[2] ? 0.25 : 0);
        };
    }

    /** The depth of the dip described by {@code p[i..i+2]} (start, length, depth) at {@code x}. */
    private static double dip(double[] p, int i, double x) {
        return x >= p[i] && x < p[i] + p[i + 1] ? p[i + 2] : 0;
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
