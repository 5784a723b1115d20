package dev.cloudtask.testkit;

import dev.cloudtask.testkit.TaskSnapshot.Phase;
import dev.cloudtask.testkit.TaskSnapshot.StepState;
import dev.cloudtask.testkit.TaskSnapshot.StepView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link SimTask} and an instant into a {@link TaskSnapshot}; the curve arithmetic is the
 * timeline's ({@link Timeline#workDone}).
 *
 * <p>The task's work is a fraction {@code g} from 0 to 1. Steps split that range equally, sub-steps
 * split their step's range equally. While running, {@code g} follows the timeline's shape; a task
 * that fails at its end only reaches {@code atProgress / 100}, one that fails early stops where its
 * shape has got to; either fails in the step that holds that point.
 */
final class TaskProgress {
    private static final double EPS = 1e-9;

    private final SimTask task;
    private final Timeline tl;

    private TaskProgress(SimTask task) {
        this.task = task;
        this.tl = task.timeline();
    }

    /** The snapshot of {@code task} at {@code now}. */
    static TaskSnapshot at(SimTask task, Instant now) {
        return new TaskProgress(task).snapshot(now);
    }

    private TaskSnapshot snapshot(Instant now) {
        Instant start = task.startsAt();
        Instant end = task.endsAt();
        Phase phase;
        double g;
        if (now.isBefore(start)) {
            phase = Phase.QUEUED;
            g = 0;
        } else if (now.isBefore(end)) {
            phase = Phase.RUNNING;
            g = tl.workDone(Duration.between(start, now));
        } else {
            phase = tl.fails() ? Phase.FAILED : Phase.SUCCEEDED;
            g = tl.workDone(tl.runsFor());
        }
        List<StepView> steps = new ArrayList<>();
        int n = tl.steps().size();
        for (int i = 0; i < n; i++) {
            TimelineStep step = tl.steps().get(i);
            double lo = (double) i / n;
            double hi = (double) (i + 1) / n;
            List<StepView> subs = new ArrayList<>();
            int m = step.subSteps().size();
            for (int j = 0; j < m; j++) {
                double slo = lo + (hi - lo) * j / m;
                double shi = lo + (hi - lo) * (j + 1) / m;
                subs.add(view(step.subSteps().get(j), slo, shi, g, phase, end, List.of()));
            }
            steps.add(view(step.name(), lo, hi, g, phase, end, subs));
        }
        Instant ended = phase.finished() ? end : null;
        Instant started = phase == Phase.QUEUED ? null : start;
        Long remaining = switch (phase) {
            case QUEUED -> tl.shape().isCurve() || tl.shape() == ProgressShape.NOT_REPORTED ? null
                    : (long) Math.ceil(seconds(Duration.between(now, start.plus(tl.duration()))));
            case RUNNING -> {
                Duration r = tl.remainingAfter(Duration.between(start, now));
                yield r == null ? null : r.getSeconds();
            }
            default -> 0L;
        };
        Instant updated = phase.finished() ? end : now;
        return new TaskSnapshot(phase, progress(phase, g), remaining, List.copyOf(steps), started, ended, updated);
    }

    private Integer progress(Phase phase, double g) {
        if (tl.shape() == ProgressShape.NOT_REPORTED) {
            return null;
        }
        return switch (phase) {
            case QUEUED -> 0;
            case SUCCEEDED -> 100;
            case RUNNING -> tl.percent(g, true);
            case FAILED -> tl.percent(g, false);
        };
    }

    private StepView view(String name, double lo, double hi, double g, Phase phase, Instant end,
            List<StepView> subs) {
        StepState state;
        if (phase == Phase.QUEUED) {
            state = StepState.WAITING;
        } else if (phase == Phase.SUCCEEDED || g >= hi - EPS && !(phase == Phase.FAILED && hi >= 1 - EPS)) {
            state = StepState.FINISH; // a task that failed with all its work done fails in its last step
        } else if (g + EPS >= lo) {
            state = phase == Phase.FAILED ? StepState.FAILED : StepState.EXECUTING;
        } else {
            state = StepState.WAITING;
        }
        Instant begin = state == StepState.WAITING ? null : timeAt(lo);
        Instant stop = switch (state) {
            case FINISH -> timeAt(hi);
            case FAILED -> end;
            default -> null;
        };
        return new StepView(name, state, begin, stop, subs);
    }

    /** The instant at which the work fraction first reaches {@code g}. */
    private Instant timeAt(double g) {
        return task.startsAt().plusNanos((long) (tl.reachedAfter(g) * 1e9));
    }

    private static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }
}
