package dev.cloudtask.internal;

import dev.cloudtask.CloudTaskAwaiter;
import dev.cloudtask.TaskStatusSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Not an API: the one door from {@link CloudTaskAwaiter#builder} (which checks every value) into
 * the engine. The benchmarks use the second factory to run other interval strategies through the
 * same engine.
 */
public final class EngineFactory {
    private EngineFactory() {
    }

    /** The engine with the default (adaptive) schedule; {@code scheduler} null for an own pool. */
    public static CloudTaskAwaiter create(TaskStatusSource source, ScheduledExecutorService scheduler, Clock clock,
            Random random, double requestsPerSecond, int burst, Duration requestTimeout) {
        return create(source, scheduler, clock, random, requestsPerSecond, burst, requestTimeout,
                IntervalStrategy.adaptive());
    }

    /** The engine with the schedule {@code intervals}; {@code scheduler} null for an own pool. */
    public static CloudTaskAwaiter create(TaskStatusSource source, ScheduledExecutorService scheduler, Clock clock,
            Random random, double requestsPerSecond, int burst, Duration requestTimeout, IntervalStrategy intervals) {
        return new PollingEngine(source, scheduler, clock, random, requestsPerSecond, burst, requestTimeout,
                intervals);
    }
}
