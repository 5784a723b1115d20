package dev.cloudtask.bench;

import dev.cloudtask.CloudServiceException;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.TaskStatusSource;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process {@link TaskStatusSource} over a {@link Workload}: answers from {@link TaskModel}
 * after a fixed latency, and enforces the server's limit (by default 20 requests/s per service and
 * project, a token bucket of 20) by answering 429 with {@code Retry-After: 1}. Thread-safe.
 */
public final class ModelSource implements TaskStatusSource {
    /** Requests per second (and burst) the server allows per service and project. */
    public static final int SERVER_LIMIT = 20;

    private final Map<TaskRef, Workload.Task> tasks = new HashMap<>();
    private final Map<TaskRef, AtomicLong> requests = new HashMap<>(); // read-only after construction
    private final Map<String, double[]> buckets = new HashMap<>();
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Duration latency;
    private final int limit;
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong total = new AtomicLong();

    public ModelSource(Workload workload, Clock clock, ScheduledExecutorService scheduler, Duration latency) {
        this(workload, clock, scheduler, latency, SERVER_LIMIT);
    }

    /** A source whose server allows {@code limit} requests/s (and burst) per service and project. */
    public ModelSource(Workload workload, Clock clock, ScheduledExecutorService scheduler, Duration latency,
            int limit) {
        this.limit = limit;
        for (Workload.Task t : workload.tasks()) {
            tasks.put(t.ref(), t);
            requests.put(t.ref(), new AtomicLong());
        }
        this.clock = clock;
        this.scheduler = scheduler;
        this.latency = latency;
    }

    @Override
    public CompletionStage<TaskStatus> fetch(TaskRef ref) {
        Workload.Task task = tasks.get(ref);
        CompletableFuture<TaskStatus> answer = new CompletableFuture<>();
        total.incrementAndGet();
        requests.get(ref).incrementAndGet();
        if (!admit(ref)) {
            throttled.incrementAndGet();
            reply(answer, () -> answer.completeExceptionally(new CloudServiceException(ref.service(), 429,
                    "APIGW.0308", "request throttled", null, Duration.ofSeconds(1))));
            return answer;
        }
        reply(answer, () -> answer.complete(TaskModel.statusAt(task, clock.instant())));
        return answer;
    }

    private void reply(CompletableFuture<TaskStatus> answer, Runnable r) {
        scheduler.schedule(r, latency.toNanos(), TimeUnit.NANOSECONDS);
    }

    private synchronized boolean admit(TaskRef ref) {
        String key = ref.service() + "/" + ref.projectId();
        double now = clock.millis() / 1000.0;
        double[] b = buckets.computeIfAbsent(key, k -> new double[] {limit, now});
        b[0] = Math.min(limit, b[0] + (now - b[1]) * limit);
        b[1] = now;
        if (b[0] >= 1) {
            b[0] -= 1;
            return true;
        }
        return false;
    }

    /** Requests made for {@code ref}, 429s included. */
    public long requests(TaskRef ref) {
        return requests.get(ref).get();
    }

    public long throttled() {
        return throttled.get();
    }

    public long total() {
        return total.get();
    }
}
