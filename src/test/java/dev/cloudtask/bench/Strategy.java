package dev.cloudtask.bench;

import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.internal.IntervalStrategy;
import dev.cloudtask.internal.IntervalStrategy.Jitter;
import dev.cloudtask.internal.PollingEngine;
import java.time.Duration;
import java.util.List;

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
                new Strategy("fixed 10s", IntervalStrategy.fixed(Duration.ofSeconds(10)), base, false),
                new Strategy("fixed 60s (Airflow)", IntervalStrategy.fixed(Duration.ofSeconds(60)), base, false),
                new Strategy("doubling 100ms..10s (Terraform)", IntervalStrategy.exponential(
                        Duration.ofMillis(100), 2.0, Duration.ofSeconds(10), Jitter.NONE), base, false),
                new Strategy("5s x1.5..45s full jitter (gax)", IntervalStrategy.exponential(
                        Duration.ofSeconds(5), 1.5, Duration.ofSeconds(45), Jitter.FULL), base, false),
                new Strategy("2s..120s exp. jitter (AWS)", IntervalStrategy.exponential(
                        Duration.ofSeconds(2), 2.0, Duration.ofSeconds(120), Jitter.FROM_FIRST), base, false));
    }

    /** Applies this strategy to an engine builder. */
    public PollingEngine.Builder configure(PollingEngine.Builder b) {
        b.intervals(intervals);
        if (!clientRateLimit) {
            b.rateLimit(0, 0);
        }
        return b;
    }
}
