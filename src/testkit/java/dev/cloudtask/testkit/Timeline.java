package dev.cloudtask.testkit;

import dev.cloudtask.CloudService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The script of one simulated task: how long it waits before running, how long it runs, how its
 * progress moves, its steps, and how it ends. Responses are computed from it and the simulator's
 * clock at request time, so a task polled twice a minute apart shows the right progression.
 *
 * <p>Life of a task created at {@code t0}:
 * <ul>
 *   <li>{@code [t0, t0 + notFoundFor)}: every poll answers 404, as a real service may do right after
 *       submission (eventual consistency);</li>
 *   <li>{@code [t0, t0 + queuedFor)}: queued (CCE {@code Initializing}, DCS steps {@code WAITING},
 *       DWS {@code INIT}, MRS {@code NEW}), progress 0;</li>
 *   <li>{@code [t0 + queuedFor, t0 + queuedFor + duration)}: running, progress per {@link #shape()};</li>
 *   <li>from {@code t0 + queuedFor + duration}: succeeded, or failed with {@link #failure()}; a
 *       failure {@link TaskFailure#after() after} a running time ends the run then instead.</li>
 * </ul>
 *
 * <p>The curve parameters belong to their shape and are cleared for the others: {@code rushAfter}
 * and {@code rushFrom} to {@link ProgressShape#LATE_RUSH}, {@code dips} to {@link ProgressShape#DIPS},
 * {@code fullAt} to {@link ProgressShape#OVERSHOOT}, {@code stepEnds} to
 * {@link ProgressShape#COARSE_STEPS}. Times are running time (from the start of the run).
 *
 * @param duration running time, &gt; 0
 * @param queuedFor time before the task starts running, &ge; 0
 * @param shape how progress moves
 * @param stallAfter for {@link ProgressShape#STALLED}: running time after which progress freezes
 * @param stallFor for {@link ProgressShape#STALLED}: how long it stays frozen (part of {@code duration})
 * @param rushAfter for {@link ProgressShape#LATE_RUSH}: when the rush starts, within the duration
 * @param rushFrom for {@link ProgressShape#LATE_RUSH}: the progress (percent, 0 up to 100) reached by then
 * @param dips for {@link ProgressShape#DIPS}: the regressions, at least one
 * @param fullAt for {@link ProgressShape#OVERSHOOT}: when 100 % is reached, within the duration
 * @param stepEnds for {@link ProgressShape#COARSE_STEPS}: the ends of all steps but the last,
 *     ascending, within the duration
 * @param steps the steps, possibly empty
 * @param notFoundFor how long after creation polls answer 404, &ge; 0
 * @param failure how the task fails, or null when it succeeds
 * @param name the job type / job name / command name shown by the service, or null for the default
 */
public record Timeline(Duration duration, Duration queuedFor, ProgressShape shape, Duration stallAfter,
        Duration stallFor, Duration rushAfter, double rushFrom, List<Dip> dips, Duration fullAt,
        List<Duration> stepEnds, List<TimelineStep> steps, Duration notFoundFor, TaskFailure failure,
        String name) {

    private static final double EPS = 1e-9;
    /** Number of steps assumed by {@link ProgressShape#STEPS} when the timeline names none. */
    static final int IMPLICIT_STEPS = 4;

    /**
     * A regression of a {@link ProgressShape#DIPS} timeline: from {@code at} for {@code length} of
     * running time, progress is {@code points} lower than the even line.
     *
     * @param at running time when the dip starts, &ge; 0 and before the end of the duration
     * @param length how long it lasts, &gt; 0
     * @param points how many percentage points progress drops, &gt; 0 and at most 100
     */
    public record Dip(Duration at, Duration length, double points) {
        public Dip {
            requireNotNegative("dip at", at);
            requirePositive("dip length", length);
            if (!(points > 0 && points <= 100)) {
                throw new IllegalArgumentException("timeline dip points '" + points + "' must be > 0 and <= 100");
            }
        }
    }

    public Timeline {
        requirePositive("duration", duration);
        requireNotNegative("queuedFor", queuedFor);
        requireNotNegative("notFoundFor", notFoundFor);
        Objects.requireNonNull(shape, "shape");
        steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
        if (shape == ProgressShape.STALLED) {
            requireNotNegative("stallAfter", stallAfter);
            requirePositive("stallFor", stallFor);
            if (stallAfter.plus(stallFor).compareTo(duration) >= 0) {
                throw new IllegalArgumentException("stall (after " + stallAfter + " for " + stallFor
                        + ") must end before the duration '" + duration + "'");
            }
        } else {
            stallAfter = Duration.ZERO;
            stallFor = Duration.ZERO;
        }
        if (shape == ProgressShape.LATE_RUSH) {
            requireWithin("rushAfter", rushAfter, duration);
            if (!(rushFrom >= 0 && rushFrom < 100)) {
                throw new IllegalArgumentException("timeline rushFrom '" + rushFrom + "' must be >= 0 and < 100");
            }
        } else {
            rushAfter = null;
            rushFrom = 0;
        }
        if (shape == ProgressShape.DIPS) {
            dips = List.copyOf(Objects.requireNonNull(dips, "dips"));
            if (dips.isEmpty()) {
                throw new IllegalArgumentException("timeline of shape DIPS needs at least one dip");
            }
            for (Dip d : dips) {
                if (d.at().compareTo(duration) >= 0) {
                    throw new IllegalArgumentException("timeline dip at '" + d.at()
                            + "' must be before the duration '" + duration + "'");
                }
            }
        } else {
            dips = List.of();
        }
        if (shape == ProgressShape.OVERSHOOT) {
            requireWithin("fullAt", fullAt, duration);
        } else {
            fullAt = null;
        }
        if (shape == ProgressShape.COARSE_STEPS) {
            stepEnds = List.copyOf(Objects.requireNonNull(stepEnds, "stepEnds"));
            if (stepEnds.isEmpty()) {
                throw new IllegalArgumentException("timeline of shape COARSE_STEPS needs at least one step end");
            }
            Duration previous = Duration.ZERO;
            for (Duration end : stepEnds) {
                requireWithin("step end", end, duration);
                if (end.compareTo(previous) <= 0) {
                    throw new IllegalArgumentException("timeline step ends " + stepEnds + " must be ascending");
                }
                previous = end;
            }
        } else {
            stepEnds = List.of();
        }
        if (failure != null && failure.after() != null) {
            requireWithin("failure after", failure.after(), duration);
        }
        if (name != null && name.isBlank()) {
            throw new IllegalArgumentException("timeline name '" + name + "' is blank");
        }
    }

    private static void requireWithin(String what, Duration d, Duration duration) {
        requirePositive(what, d);
        if (d.compareTo(duration) >= 0) {
            throw new IllegalArgumentException("timeline " + what + " '" + d + "' must be shorter than the duration '"
                    + duration + "'");
        }
    }

    private static void requirePositive(String what, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("timeline " + what + " '" + d + "' must be > 0");
        }
    }

    private static void requireNotNegative(String what, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException("timeline " + what + " '" + d + "' must be >= 0");
        }
    }

    /** A new builder with the generic defaults (1 minute, linear, no steps, success). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with this timeline's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.duration = duration;
        b.queuedFor = queuedFor;
        b.shape = shape;
        b.stallAfter = stallAfter;
        b.stallFor = stallFor;
        b.rushAfter = rushAfter;
        b.rushFrom = rushFrom;
        b.dips.addAll(dips);
        b.fullAt = fullAt;
        b.stepEnds.addAll(stepEnds);
        b.steps.addAll(steps);
        b.notFoundFor = notFoundFor;
        b.failure = failure;
        b.name = name;
        return b;
    }

    /** Whether the task ends in failure. */
    public boolean fails() {
        return failure != null;
    }

    /** How long the task runs: until its early failure, else its duration. */
    public Duration runsFor() {
        return failure != null && failure.after() != null ? failure.after() : duration;
    }

    /**
     * The share of the work done (0..1) after {@code running} of running time, following the shape:
     * frozen during a stall, scaled to {@code atProgress} for a failure at the end. The reported
     * progress and the steps' states are derived from it; an in-process stand-in for the simulator
     * can call it (and {@link #percentAfter}, {@link #remainingAfter}) to report the same values.
     */
    public double workDone(Duration running) {
        return workDone(seconds(running));
    }

    /**
     * The progress percent a running task reports after {@code running} of running time: the work
     * done, floored (for {@link ProgressShape#STEPS}, whole steps), at most 99 while running except
     * for {@link ProgressShape#OVERSHOOT}, which reports 100 once it gets there; null for
     * {@link ProgressShape#NOT_REPORTED}.
     */
    public Integer percentAfter(Duration running) {
        return percent(workDone(running), true);
    }

    /**
     * The remaining time a running task reports (DCS {@code remain_time}) after {@code running} of
     * running time, in whole seconds; null when it reports none. The curve kinds
     * ({@link ProgressShape#isCurve()}) estimate it as a server would, from the reported percent p:
     * {@code running × (100 − p) / p}, none at 0 %; the others report the time left until the end of
     * the duration (rounded up); NOT_REPORTED reports none.
     */
    public Duration remainingAfter(Duration running) {
        Integer p = percentAfter(running);
        if (p == null) {
            return null;
        }
        double r = seconds(running);
        if (shape.isCurve()) {
            return p == 0 ? null : Duration.ofSeconds((long) (r * (100 - p) / p));
        }
        return Duration.ofSeconds((long) Math.ceil(seconds(duration) - r));
    }

    /** {@link #workDone(Duration)} for running time in seconds. */
    double workDone(double running) {
        double scale = scale();
        if (shape == ProgressShape.STALLED) {
            double after = seconds(stallAfter);
            double length = seconds(stallFor);
            double effective = running >= after + length ? running - length : running >= after ? after : running;
            return Math.min(scale, effective / seconds(duration.minus(stallFor)) * scale);
        }
        double x = running / seconds(duration);
        if (!shape.isCurve()) {
            return Math.min(scale, x * scale);
        }
        return scale * Math.max(0, Math.min(1, curve(Math.max(0, x))));
    }

    /** The progress reported for work done {@code g}: while running, or (running false) once failed. */
    Integer percent(double g, boolean running) {
        if (shape == ProgressShape.NOT_REPORTED) {
            return null;
        }
        int cap = running && shape == ProgressShape.OVERSHOOT ? 100 : 99;
        if (shape == ProgressShape.STEPS) {
            int n = steps.isEmpty() ? IMPLICIT_STEPS : steps.size();
            int done = (int) Math.floor(g * n + EPS);
            return Math.min(cap, 100 * done / n);
        }
        return Math.min(cap, (int) Math.floor(g * 100 + EPS));
    }

    /**
     * The running time (seconds) at which the work done first reaches {@code g}: when a step whose
     * share ends at {@code g} finished. For a curve that never gets there, the end of the duration.
     */
    double reachedAfter(double g) {
        double scale = scale();
        double total = seconds(duration);
        if (shape == ProgressShape.STALLED) {
            if (g >= scale - EPS) {
                return total;
            }
            double effective = g / scale * seconds(duration.minus(stallFor));
            return effective > seconds(stallAfter) + EPS ? effective + seconds(stallFor) : effective;
        }
        if (g >= scale - EPS && !shape.isCurve()) {
            return total;
        }
        double target = g / scale;
        double x = switch (shape) {
            case S_CURVE -> bisect(target);
            case LATE_RUSH -> {
                double a = fraction(rushAfter);
                double level = rushFrom / 100;
                yield target <= level ? (level == 0 ? 0 : target / level * a)
                        : a + (target - level) / (1 - level) * (1 - a);
            }
            case OVERSHOOT -> target * fraction(fullAt);
            case COARSE_STEPS -> {
                int needed = (int) Math.ceil(target * (stepEnds.size() + 1) - EPS);
                yield needed <= 0 ? 0 : needed > stepEnds.size() ? 1 : fraction(stepEnds.get(needed - 1));
            }
            case DIPS -> dipsReach(target);
            default -> target;
        };
        return Math.min(1, Math.max(0, x)) * total;
    }

    /** The curve of a curve kind at {@code x} (share of the duration run), before any failure scaling. */
    private double curve(double x) {
        return switch (shape) {
            case S_CURVE -> x * x * (3 - 2 * x);
            case LATE_RUSH -> {
                double a = fraction(rushAfter);
                double level = rushFrom / 100;
                yield x < a ? level * x / a : level + (1 - level) * (x - a) / (1 - a);
            }
            case DIPS -> {
                double y = x;
                for (Dip d : dips) {
                    if (x >= fraction(d.at()) && x < fraction(d.at().plus(d.length()))) {
                        y -= d.points() / 100;
                    }
                }
                yield y;
            }
            case OVERSHOOT -> x / fraction(fullAt);
            case COARSE_STEPS -> {
                int passed = 0;
                for (Duration end : stepEnds) {
                    if (x >= fraction(end)) {
                        passed++;
                    }
                }
                yield (double) passed / (stepEnds.size() + 1);
            }
            default -> x;
        };
    }

    /** First x with the (non-decreasing) curve at or above {@code target}. */
    private double bisect(double target) {
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (curve(mid) >= target - EPS) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /**
     * First x with the DIPS curve at or above {@code target}: the curve rises with slope 1 between the
     * dips' edges, so from {@code x = target} it is enough to move edge to edge.
     */
    private double dipsReach(double target) {
        double x = target;
        for (int guard = 0; guard <= 2 * dips.size() + 1; guard++) {
            double y = curve(x);
            if (y >= target - EPS) {
                return x;
            }
            double next = 1;
            for (Dip d : dips) {
                double at = fraction(d.at());
                double end = fraction(d.at().plus(d.length()));
                if (at > x) {
                    next = Math.min(next, at);
                }
                if (end > x) {
                    next = Math.min(next, end);
                }
            }
            double reach = x + (target - y);
            if (reach < next) {
                return reach;
            }
            x = next;
        }
        return 1;
    }

    private double scale() {
        return failure != null && failure.after() == null ? failure.atProgress() / 100.0 : 1.0;
    }

    private double fraction(Duration d) {
        return seconds(d) / seconds(duration);
    }

    private static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }

    /**
     * The default timeline of a task created through a service's operation endpoint: realistic
     * step names, a few seconds queued, a few minutes running, success.
     *
     * <table>
     *   <caption>Defaults</caption>
     *   <tr><th>service</th><th>name</th><th>queued</th><th>duration</th><th>steps</th></tr>
     *   <tr><td>CCE</td><td>CreateNode</td><td>5s</td><td>5m</td><td>CreateServer, InstallNode, SyncNodeStatus</td></tr>
     *   <tr><td>DCS</td><td>resize</td><td>2s</td><td>3m</td><td>Pre-check. (2 sub-steps), Data migration. (2 sub-steps)</td></tr>
     *   <tr><td>DWS</td><td>resizeClusterJob</td><td>5s</td><td>10m</td><td>none (DWS reports no steps)</td></tr>
     *   <tr><td>MRS</td><td>restartService</td><td>1s</td><td>2m</td><td>Stop service, Start service, Check service health</td></tr>
     * </table>
     */
    public static Timeline defaults(CloudService service) {
        Builder b = builder();
        return switch (Objects.requireNonNull(service, "service")) {
            case CCE -> b.name("CreateNode").queuedFor(Duration.ofSeconds(5)).duration(Duration.ofMinutes(5))
                    .step("CreateServer").step("InstallNode").step("SyncNodeStatus").build();
            case DCS -> b.name(DcsRenderer.RESIZE_TASK_NAME).queuedFor(Duration.ofSeconds(2)).duration(Duration.ofMinutes(3))
                    .step("Pre-check.", "Resource check.", "Instance status check.")
                    .step("Data migration.", "Resource request.", "Slot migration.").build();
            case DWS -> b.name("resizeClusterJob").queuedFor(Duration.ofSeconds(5))
                    .duration(Duration.ofMinutes(10)).build();
            case MRS -> b.name("restartService").queuedFor(Duration.ofSeconds(1)).duration(Duration.ofMinutes(2))
                    .step("Stop service").step("Start service").step("Check service health").build();
        };
    }

    /** Builds a {@link Timeline}; every setter validates when {@link #build()} is called. */
    public static final class Builder {
        private Duration duration = Duration.ofMinutes(1);
        private Duration queuedFor = Duration.ZERO;
        private ProgressShape shape = ProgressShape.LINEAR;
        private Duration stallAfter = Duration.ZERO;
        private Duration stallFor = Duration.ZERO;
        private Duration rushAfter;
        private double rushFrom;
        private final List<Dip> dips = new ArrayList<>();
        private Duration fullAt;
        private final List<Duration> stepEnds = new ArrayList<>();
        private final List<TimelineStep> steps = new ArrayList<>();
        private Duration notFoundFor = Duration.ZERO;
        private TaskFailure failure;
        private String name;

        private Builder() {
        }

        /** Running time (default 1 minute). */
        public Builder duration(Duration value) {
            this.duration = value;
            return this;
        }

        /** Time before the task starts running (default 0). */
        public Builder queuedFor(Duration value) {
            this.queuedFor = value;
            return this;
        }

        /** Progress shape (default {@link ProgressShape#LINEAR}). */
        public Builder shape(ProgressShape value) {
            this.shape = value;
            return this;
        }

        /** Shape {@link ProgressShape#STALLED}: progress freezes {@code after} running time, for {@code length}. */
        public Builder stall(Duration after, Duration length) {
            this.shape = ProgressShape.STALLED;
            this.stallAfter = after;
            this.stallFor = length;
            return this;
        }

        /**
         * Shape {@link ProgressShape#LATE_RUSH}: progress grows evenly to {@code fromPercent} until
         * {@code after} running time, then evenly to the end.
         */
        public Builder lateRush(Duration after, double fromPercent) {
            this.shape = ProgressShape.LATE_RUSH;
            this.rushAfter = after;
            this.rushFrom = fromPercent;
            return this;
        }

        /**
         * Shape {@link ProgressShape#DIPS} and one more dip: from {@code at} running time for
         * {@code length}, progress is {@code points} lower than the even line.
         */
        public Builder dip(Duration at, Duration length, double points) {
            this.shape = ProgressShape.DIPS;
            dips.add(new Dip(at, length, points));
            return this;
        }

        /** Shape {@link ProgressShape#DIPS} with exactly these dips. */
        public Builder dips(List<Dip> value) {
            this.shape = ProgressShape.DIPS;
            dips.clear();
            dips.addAll(value);
            return this;
        }

        /**
         * Shape {@link ProgressShape#OVERSHOOT}: progress reaches 100 % at {@code fullAt} running time
         * and stays there, reported while the task still runs to the end of its duration.
         */
        public Builder overshoot(Duration fullAt) {
            this.shape = ProgressShape.OVERSHOOT;
            this.fullAt = fullAt;
            return this;
        }

        /**
         * Shape {@link ProgressShape#COARSE_STEPS}: the steps end at these running times (ascending),
         * the last one at the end of the duration; n ends make n + 1 steps of {@code 100 / (n + 1)} %.
         */
        public Builder coarseSteps(List<Duration> ends) {
            this.shape = ProgressShape.COARSE_STEPS;
            stepEnds.clear();
            stepEnds.addAll(ends);
            return this;
        }

        /** {@link #coarseSteps(List)} with the ends as arguments. */
        public Builder coarseSteps(Duration... ends) {
            return coarseSteps(List.of(ends));
        }

        /** Adds a step with optional sub-steps. */
        public Builder step(String name, String... subSteps) {
            steps.add(TimelineStep.of(name, subSteps));
            return this;
        }

        /** Replaces the steps. */
        public Builder steps(List<TimelineStep> value) {
            steps.clear();
            steps.addAll(value);
            return this;
        }

        /** Polls answer 404 for this long after creation (default 0). */
        public Builder notFoundFor(Duration value) {
            this.notFoundFor = value;
            return this;
        }

        /** The task succeeds (the default). */
        public Builder succeeds() {
            this.failure = null;
            return this;
        }

        /** The task fails at {@value TaskFailure#DEFAULT_AT_PROGRESS}% with this code and detail. */
        public Builder fails(String code, String detail) {
            return fails(code, detail, TaskFailure.DEFAULT_AT_PROGRESS);
        }

        /** The task fails at {@code atProgress}% with this code and detail. */
        public Builder fails(String code, String detail, int atProgress) {
            this.failure = new TaskFailure(code, detail, atProgress);
            return this;
        }

        /**
         * The task fails early, after {@code after} running time (shorter than the duration), with
         * this code and detail, reporting the progress its shape has reached by then.
         */
        public Builder failsAfter(Duration after, String code, String detail) {
            this.failure = new TaskFailure(code, detail, 0, Objects.requireNonNull(after, "after"));
            return this;
        }

        /** Job type (CCE), job name (DWS), or command name (MRS) shown by the service. */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /** Validates and builds. */
        public Timeline build() {
            return new Timeline(duration, queuedFor, shape, stallAfter, stallFor, rushAfter, rushFrom, dips, fullAt,
                    stepEnds, steps, notFoundFor, failure, name);
        }
    }
}
