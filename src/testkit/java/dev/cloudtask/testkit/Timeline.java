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
 *   <li>from {@code t0 + queuedFor + duration}: succeeded, or failed with {@link #failure()}.</li>
 * </ul>
 *
 * @param duration running time, &gt; 0
 * @param queuedFor time before the task starts running, &ge; 0
 * @param shape how progress moves
 * @param stallAfter for {@link ProgressShape#STALLED}: running time after which progress freezes
 * @param stallFor for {@link ProgressShape#STALLED}: how long it stays frozen (part of {@code duration})
 * @param steps the steps, possibly empty
 * @param notFoundFor how long after creation polls answer 404, &ge; 0
 * @param failure how the task fails, or null when it succeeds
 * @param name the job type / job name / command name shown by the service, or null for the default
 */
public record Timeline(Duration duration, Duration queuedFor, ProgressShape shape, Duration stallAfter,
        Duration stallFor, List<TimelineStep> steps, Duration notFoundFor, TaskFailure failure, String name) {

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
        if (name != null && name.isBlank()) {
            throw new IllegalArgumentException("timeline name '" + name + "' is blank");
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

        /** Job type (CCE), job name (DWS), or command name (MRS) shown by the service. */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /** Validates and builds. */
        public Timeline build() {
            return new Timeline(duration, queuedFor, shape, stallAfter, stallFor, steps, notFoundFor, failure, name);
        }
    }
}
