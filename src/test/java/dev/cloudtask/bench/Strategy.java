package dev.cloudtask.bench;

import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.CloudTaskAwaiter;
import dev.cloudtask.TaskStatusSource;
import dev.cloudtask.bench.BaselineIntervals.Jitter;
import dev.cloudtask.internal.EngineFactory;
import dev.cloudtask.internal.IntervalStrategy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A polling strategy as the engine runs it: an interval strategy, a policy, and whether the
 * client limits its own request rate (the known waiters do not).
 *
 * @param name the name printed in tables
 * @param intervals when to poll
 * @param policy timeout, error budget and (for ours) the intervals
 * @param clientRateLimit whether the engine's token bucket is on (with its defaults)
 */
public record Strategy(String name, IntervalStrategy intervals, AwaitPolicy policy, boolean clientRateLimit) {

    /** Ours and the five known strategies of the issue, in table order. */
    public static List<Strategy> all() {
        return all(AwaitPolicy.ofDefaults());
    }

    /** Like {@link #all()}, with {@code ours} as our policy (for tuning the defaults). */
    public static List<Strategy> all(AwaitPolicy ours) {
        AwaitPolicy base = AwaitPolicy.ofDefaults();
        return List.of(
                new Strategy("ours (default policy)", IntervalStrategy.adaptive(), ours, true),
                new Strategy("fixed 10s", BaselineIntervals.fixed(Duration.ofSeconds(10)), base, false),
                new Strategy("fixed 60s (Airflow)", BaselineIntervals.fixed(Duration.ofSeconds(60)), base, false),
                new Strategy("doubling 100ms..10s (Terraform)", BaselineIntervals.exponential(
                        Duration.ofMillis(100), 2.0, Duration.ofSeconds(10), Jitter.NONE), base, false),
                new Strategy("5s x1.5..45s full jitter (gax)", BaselineIntervals.exponential(
                        Duration.ofSeconds(5), 1.5, Duration.ofSeconds(45), Jitter.FULL), base, false),
                new Strategy("2s..120s exp. jitter (AWS)", BaselineIntervals.exponential(
                        Duration.ofSeconds(2), 2.0, Duration.ofSeconds(120), Jitter.FROM_FIRST), base, false));
    }

    /**
     * The engine running this strategy: the library's engine with this schedule, and the default
     * token bucket of {@link CloudTaskAwaiter.Builder} or none.
     */
    public CloudTaskAwaiter engine(TaskStatusSource source, ScheduledExecutorService scheduler, Clock clock,
            Random random) {
        return EngineFactory.create(source, scheduler, clock, random,
                clientRateLimit ? CloudTaskAwaiter.Builder.DEFAULT_REQUESTS_PER_SECOND : 0,
                clientRateLimit ? CloudTaskAwaiter.Builder.DEFAULT_BURST : 0,
                CloudTaskAwaiter.Builder.DEFAULT_REQUEST_TIMEOUT, intervals);
    }
}
