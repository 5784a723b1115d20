package dev.cloudtask.bench;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskState;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.TaskStep;
import dev.cloudtask.testkit.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a service reports about a {@link Workload.Task} at a given time: the in-process stand-in
 * for the simulator. CCE reports sub-jobs (20; 5 for the STEPS shape, 4 for COARSE_STEPS), DCS
 * percent and a remaining time extrapolated from it (as a server would), DWS and MRS percent; the
 * NONE shape reports only the state. Percent is whole (floored) and at most 99 while running, except
 * for OVERSHOOT, which reports 100 % before it ends. A task that fails early fails at
 * {@code failsAfter}, reporting the progress it had reached until then.
 *
 * <p>The curves ({@link Workload.Shape#CURVES}) are the simulator's: the work done, the percent and
 * the remaining time come from the task's {@link SimulatorSource#timeline simulator timeline}
 * ({@link Timeline#workDone}, {@link Timeline#percentAfter}, {@link Timeline#remainingAfter}), so
 * both modes of the benchmark see the same values. The classic shapes keep their own arithmetic
 * below (two stalls, a remaining time extrapolated for every shape).
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
        if (task.shape() == Workload.Shape.NONE) {
            return TaskStatus.of(TaskState.RUNNING, "RUNNING");
        }
        if (Workload.Shape.CURVES.contains(task.shape())) {
            return curveStatus(task, Duration.between(task.submittedAt(), now));
        }
        double f = fraction(task, Math.max(0, elapsed) / total);
        CloudService s = task.ref().service();
        if (s == CloudService.CCE) {
            int parts = task.shape() == Workload.Shape.STEPS ? 5 : 20;
            int done = Math.min(parts - 1, (int) Math.floor(f * parts + 1e-9));
            List<TaskStep> steps = new ArrayList<>();
            for (int i = 0; i < parts; i++) {
                steps.add(new TaskStep("sub" + i, i < done ? "Success" : "Running",
                        i < done ? TaskState.SUCCEEDED : TaskState.RUNNING));
            }
            return new TaskStatus(TaskState.RUNNING, null, "Running", steps, null, null, null, done, parts);
        }
        int percent = Math.min(99, (int) Math.floor(f * 100 + 1e-9));
        Duration remaining = null;
        if (s == CloudService.DCS && percent > 0) {
            remaining = Duration.ofSeconds((long) (elapsed * (100 - percent) / percent));
        }
        return new TaskStatus(TaskState.RUNNING, percent, "RUNNING", List.of(), null, null,
                remaining, null, null);
    }

    /**
     * A running curve task after {@code running}, from its simulator timeline. CCE sub-jobs are done
     * when the work reaches their share's end, as the simulator's steps are.
     */
    private static TaskStatus curveStatus(Workload.Task task, Duration running) {
        Timeline tl = SimulatorSource.timeline(task, task.submittedAt());
        if (task.ref().service() == CloudService.CCE) {
            double g = tl.workDone(running);
            int parts = tl.steps().size();
            int done = 0;
            List<TaskStep> steps = new ArrayList<>();
            for (int i = 0; i < parts; i++) {
                boolean finished = g >= (i + 1.0) / parts - 1e-9;
                done += finished ? 1 : 0;
                steps.add(new TaskStep("sub" + i, finished ? "Success" : "Running",
                        finished ? TaskState.SUCCEEDED : TaskState.RUNNING));
            }
            return new TaskStatus(TaskState.RUNNING, null, "Running", steps, null, null, null, done, parts);
        }
        Duration remaining = task.ref().service() == CloudService.DCS ? tl.remainingAfter(running) : null;
        return new TaskStatus(TaskState.RUNNING, tl.percentAfter(running), "RUNNING", List.of(), null, null,
                remaining, null, null);
    }

    /** The completed fraction of a classic shape at relative time {@code x} in [0, 1). */
    static double fraction(Workload.Task task, double x) {
        double[] p = task.params();
        return switch (task.shape()) {
            case LINEAR, NONE -> x;
            case STEPS -> Math.floor(x * 5) / 5;
            case STALLS -> stalled(p, x);
            default -> throw new IllegalArgumentException("task " + task.ref() + ": shape " + task.shape()
                    + " is a curve, answered from its simulator timeline");
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
