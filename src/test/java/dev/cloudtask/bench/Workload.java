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
 * The seeded workload of the polling-efficiency benchmark: tasks over the four services, durations
 * log-uniform between 30 s and 4 h, the four progress shapes in equal shares, submissions spread
 * over the first five minutes, two projects, one task in ten failing at its end.
 *
 * @param tasks the tasks, in submission order
 */
public record Workload(List<Task> tasks) {

    /** How a task reports progress. */
    public enum Shape {
        /** Progress grows evenly with time. */
        LINEAR,
        /** Progress jumps at the end of each of five equal steps. */
        STEPS,
        /** Progress grows evenly but stands still twice, each time for 15% of the duration. */
        STALLS,
        /** The service reports no progress at all, only the state. */
        NONE
    }

    /**
     * One simulated task.
     *
     * @param ref its reference
     * @param submittedAt when it was submitted (the wait starts then)
     * @param duration how long it runs
     * @param shape how it reports progress
     * @param fails whether it ends in failure
     * @param stallAt where the two stalls begin, as fractions of the duration (STALLS only)
     */
    public record Task(TaskRef ref, Instant submittedAt, Duration duration, Shape shape, boolean fails,
            double[] stallAt) {

        /** When the task ends. */
        public Instant endsAt() {
            return submittedAt.plus(duration);
        }
    }

    /** Builds the workload of {@code count} tasks from {@code seed}, starting at {@code start}. */
    public static Workload generate(long seed, int count, Instant start) {
        Random r = new Random(seed);
        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            shapes.add(Shape.values()[i % 4]);
        }
        Collections.shuffle(shapes, r);
        List<Task> tasks = new ArrayList<>();
        double lo = Math.log(30);
        double hi = Math.log(4 * 3600);
        for (int i = 0; i < count; i++) {
            CloudService service = CloudService.values()[r.nextInt(4)];
            String project = "proj" + r.nextInt(2);
            String id = String.format("task%05d", i);
            TaskRef ref = switch (service) {
                case CCE -> TaskRef.cce(project, id);
                case DCS -> TaskRef.dcs(project, "inst" + r.nextInt(3), id);
                case DWS -> TaskRef.dws(project, id);
                case MRS -> TaskRef.mrs(Integer.toString(100_000 + i)); // MRS command ids are numbers
            };
            Instant submitted = start.plusMillis((long) (r.nextDouble() * 300_000));
            Duration duration = Duration.ofMillis((long) (Math.exp(lo + (hi - lo) * r.nextDouble()) * 1000));
            double a = 0.05 + 0.3 * r.nextDouble();
            double b = a + 0.2 + 0.3 * r.nextDouble();
            tasks.add(new Task(ref, submitted, duration, shapes.get(i), r.nextInt(10) == 0, new double[] {a, b}));
        }
        tasks.sort((x, y) -> x.submittedAt().compareTo(y.submittedAt()));
        return new Workload(List.copyOf(tasks));
    }
}
