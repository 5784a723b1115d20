package dev.cloudtask.testkit;

import dev.cloudtask.testkit.TaskSnapshot.Phase;
import dev.cloudtask.testkit.TaskSnapshot.StepState;
import dev.cloudtask.testkit.TaskSnapshot.StepView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The timeline arithmetic: turns a {@link SimTask} and an instant into a {@link TaskSnapshot}.
 *
 * <p>The task's work is a fraction {@code g} from 0 to 1. Steps split that range equally, sub-steps
 * split their step's range equally. While running, {@code g} grows with the running time (frozen
 * during a stall); a failing task only reaches {@code atProgress / 100} and fails in the step that
 * holds that point.
 */
final class TaskProgress {
    /** Number of steps assumed by {@link ProgressShape#STEPS} when the timeline names none. */
    static final int IMPLICIT_STEPS = 4;
    private static final double EPS = 1e-9;

    private final SimTask task;
    private final Timeline tl;
    private final double activeSeconds;
    private final double scale;

    private TaskProgress(SimTask task) {
        this.task = task;
        this.tl = task.timeline();
        this.activeSeconds = seconds(tl.duration().minus(tl.stallFor()));
        this.scale = tl.fails() ? tl.failure().atProgress() / 100.0 : 1.0;
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
            g = fractionAfter(seconds(Duration.between(start, now)));
        } else {
            phase = tl.fails() ? Phase.FAILED : Phase.SUCCEEDED;
            g = scale;
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
        long remaining = phase.finished() ? 0 : (long) Math.ceil(seconds(Duration.between(now, end)));
        Instant updated = phase.finished() ? end : now;
        return new TaskSnapshot(phase, progress(phase, g), remaining, List.copyOf(steps), started, ended, updated);
    }

    private Integer progress(Phase phase, double g) {
        if (tl.shape() == ProgressShape.NOT_REPORTED) {
            return null;
        }
        if (phase == Phase.QUEUED) {
            return 0;
        }
        if (phase == Phase.SUCCEEDED) {
            return 100;
        }
        if (tl.shape() == ProgressShape.STEPS) {
            int n = tl.steps().isEmpty() ? IMPLICIT_STEPS : tl.steps().size();
            int done = (int) Math.floor(g * n + EPS);
            return Math.min(99, 100 * done / n);
        }
        return Math.min(99, (int) Math.floor(g * 100 + EPS));
    }

    private StepView view(String name, double lo, double hi, double g, Phase phase, Instant end,
            List<StepView> subs) {
        StepState state;
        if (phase == Phase.QUEUED) {
            state = StepState.WAITING;
        } else if (phase == Phase.SUCCEEDED || g >= hi - EPS) {
            state = StepState.FINISH;
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

    /** Fraction of the work done after {@code running} seconds of running time. */
    private double fractionAfter(double running) {
        double effective = running;
        if (tl.shape() == ProgressShape.STALLED) {
            double after = seconds(tl.stallAfter());
            double length = seconds(tl.stallFor());
            if (running >= after + length) {
                effective = running - length;
            } else if (running >= after) {
                effective = after;
            }
        }
        return Math.min(scale, effective / activeSeconds * scale);
    }

    /** The instant at which the work fraction reaches {@code g} (the inverse of {@link #fractionAfter}). */
    private Instant timeAt(double g) {
        if (g >= scale - EPS) {
            return task.endsAt();
        }
        double effective = g / scale * activeSeconds;
        if (tl.shape() == ProgressShape.STALLED && effective > seconds(tl.stallAfter()) + EPS) {
            effective += seconds(tl.stallFor());
        }
        return task.startsAt().plusNanos((long) (effective * 1e9));
    }

    private static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }
}
