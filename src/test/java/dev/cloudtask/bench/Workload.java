package dev.cloudtask.bench;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The seeded workloads of the polling-efficiency benchmark: tasks over the four services,
 * submissions spread over the first five minutes, two projects.
 *
 * <ul>
 * <li>{@link #generate}: the classic workload: durations log-uniform between 30 s and 4 h, the
 *     shapes {@link Shape#CLASSIC} in equal shares, one task in ten failing at its end.</li>
 * <li>{@link #curves}: durations log-uniform in a given range, the shapes {@link Shape#CURVES} in
 *     equal shares, one task in ten failing early, at a random point between 5 % and 95 % of its
 *     expected duration.</li>
 * </ul>
 *
 * @param tasks the tasks, in submission order
 */
public record Workload(List<Task> tasks) {

    /** How a task reports progress ({@code x} is the share of its expected duration that has passed). */
    public enum Shape {
        /** Progress grows evenly with time. */
        LINEAR,
        /** Progress jumps at the end of each of five equal steps. */
        STEPS,
        /** Progress grows evenly but stands still twice, each time for 15% of the duration. */
        STALLS,
        /** The service reports no progress at all, only the state. */
        NONE,
        /** Accelerating, then decelerating: {@code 3x² − 2x³}. */
        S_CURVE,
        /** Almost flat (up to 5–20 %) until 60–85 % of the time, then a rush to the end. */
        LATE_RUSH,
        /** Even, with two small regressions (2–5 points, for 1–3 % of the time) after 80 % of the time. */
        DIPS,
        /** Even, but reaching 100 % at 70–90 % of the time, and reporting 100 % while still running. */
        OVERSHOOT,
        /** Four steps of uneven length (weights 0.5–1.5): 0, 25, 50, 75 %. */
        COARSE_STEPS;

        /** The shapes of the classic workload. */
        public static final List<Shape> CLASSIC = List.of(LINEAR, STEPS, STALLS, NONE);
        /** The shapes of the curve workloads. */
        public static final List<Shape> CURVES = List.of(S_CURVE, LATE_RUSH, DIPS, OVERSHOOT, COARSE_STEPS, NONE);
    }

    /**
     * One simulated task.
     *
     * @param ref its reference
     * @param submittedAt when it was submitted (the wait starts then)
     * @param duration how long it runs when it does not fail early (its expected duration)
     * @param shape how it reports progress
     * @param fails whether it ends in failure
     * @param params the shape's parameters, as fractions of the duration: STALLS the two stall
     *     starts; LATE_RUSH the rush start and the level reached by then; DIPS two (start, length,
     *     depth) triples; OVERSHOOT where 100 % is reached; COARSE_STEPS the three step ends
     * @param failsAfter for a task that fails early, when (from submission) it fails; else null
     */
    public record Task(TaskRef ref, Instant submittedAt, Duration duration, Shape shape, boolean fails,
            double[] params, Duration failsAfter) {

        /** A task that runs its whole duration. */
        public Task(TaskRef ref, Instant submittedAt, Duration duration, Shape shape, boolean fails, double[] params) {
            this(ref, submittedAt, duration, shape, fails, params, null);
        }

        /** When the task ends (fails early, or ends after its duration). */
        public Instant endsAt() {
            return submittedAt.plus(failsAfter != null ? failsAfter : duration);
        }

        /** Whether the task fails before its expected end. */
        public boolean failsEarly() {
            return failsAfter != null;
        }
    }

    /** The classic workload of {@code count} tasks from {@code seed}, starting at {@code start}. */
    public static Workload generate(long seed, int count, Instant start) {
        Random r = new Random(seed);
        List<Shape> shapes = shares(Shape.CLASSIC, count, r);
        List<Task> tasks = new ArrayList<>();
        double lo = Math.log(30);
        double hi = Math.log(4 * 3600);
        for (int i = 0; i < count; i++) {
            TaskRef ref = ref(r, i);
            Instant submitted = start.plusMillis((long) (r.nextDouble() * 300_000));
            Duration duration = Duration.ofMillis((long) (Math.exp(lo + (hi - lo) * r.nextDouble()) * 1000));
            double a = 0.05 + 0.3 * r.nextDouble();
            double b = a + 0.2 + 0.3 * r.nextDouble();
            tasks.add(new Task(ref, submitted, duration, shapes.get(i), r.nextInt(10) == 0, new double[] {a, b}));
        }
        tasks.sort((x, y) -> x.submittedAt().compareTo(y.submittedAt()));
        return new Workload(List.copyOf(tasks));
    }

    /**
     * A curve workload of {@code count} tasks from {@code seed}: durations log-uniform between
     * {@code shortest} and {@code longest}, the {@link Shape#CURVES} in equal shares, one task in ten
     * failing early.
     */
    public static Workload curves(long seed, int count, Instant start, Duration shortest, Duration longest) {
        Random r = new Random(seed);
        List<Shape> shapes = shares(Shape.CURVES, count, r);
        List<Task> tasks = new ArrayList<>();
        double lo = Math.log(shortest.toMillis());
        double hi = Math.log(longest.toMillis());
        for (int i = 0; i < count; i++) {
            TaskRef ref = ref(r, i);
            Instant submitted = start.plusMillis((long) (r.nextDouble() * 300_000));
            Duration duration = Duration.ofMillis((long) Math.exp(lo + (hi - lo) * r.nextDouble()));
            Shape shape = shapes.get(i);
            double[] params = params(shape, r);
            Duration failsAfter = null;
            if (r.nextInt(10) == 0) {
                failsAfter = Duration.ofMillis((long) (duration.toMillis() * (0.05 + 0.9 * r.nextDouble())));
            }
            tasks.add(new Task(ref, submitted, duration, shape, failsAfter != null, params, failsAfter));
        }
        tasks.sort((x, y) -> x.submittedAt().compareTo(y.submittedAt()));
        return new Workload(List.copyOf(tasks));
    }

    private static double[] params(Shape shape, Random r) {
        return switch (shape) {
            case LATE_RUSH -> new double[] {0.6 + 0.25 * r.nextDouble(), 0.05 + 0.15 * r.nextDouble()};
            case DIPS -> {
                double a = 0.8 + 0.08 * r.nextDouble();
                double b = 0.9 + 0.07 * r.nextDouble();
                yield new double[] {a, 0.01 + 0.02 * r.nextDouble(), 0.02 + 0.03 * r.nextDouble(),
                        b, 0.01 + 0.02 * r.nextDouble(), 0.02 + 0.03 * r.nextDouble()};
            }
            case OVERSHOOT -> new double[] {0.7 + 0.2 * r.nextDouble()};
            case COARSE_STEPS -> {
                double[] w = new double[4];
                double sum = 0;
                for (int k = 0; k < 4; k++) {
                    w[k] = 0.5 + r.nextDouble();
                    sum += w[k];
                }
                double a = w[0] / sum;
                double b = a + w[1] / sum;
                yield new double[] {a, b, b + w[2] / sum};
            }
            default -> new double[0];
        };
    }

    private static List<Shape> shares(List<Shape> kinds, int count, Random r) {
        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            shapes.add(kinds.get(i % kinds.size()));
        }
        Collections.shuffle(shapes, r);
        return shapes;
    }

    private static TaskRef ref(Random r, int i) {
        CloudService service = CloudService.values()[r.nextInt(4)];
        String project = "proj" + r.nextInt(2);
        String id = String.format("task%05d", i);
        return switch (service) {
            case CCE -> TaskRef.cce(project, id);
            case DCS -> TaskRef.dcs(project, "inst" + r.nextInt(3), id);
            case DWS -> TaskRef.dws(project, id);
            case MRS -> TaskRef.mrs(Integer.toString(100_000 + i)); // MRS command ids are numbers
        };
    }
}
