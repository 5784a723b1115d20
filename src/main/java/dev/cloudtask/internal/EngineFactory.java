package dev.cloudtask.internal;

import dev.cloudtask.CloudService;
import dev.cloudtask.CloudTaskAwaiter;
import dev.cloudtask.TaskStatusSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
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

    /**
     * The request limits of a service, as the builder checked them.
     *
     * @param requestsPerSecond the token bucket's rate per endpoint and project, 0 for none
     * @param burst requests that may go at once
     * @param requestTimeout how long a request may stay unanswered
     */
    public record Limits(double requestsPerSecond, int burst, Duration requestTimeout) {
    }

    /**
     * The engine with the default (adaptive) schedule.
     *
     * @param scheduler null for an own daemon pool of {@code poolThreads} threads
     * @param limits the limits of every service not in {@code serviceLimits}
     * @param openTelemetry an {@code io.opentelemetry.api.OpenTelemetry}, or null for no telemetry
     *     (then no OpenTelemetry class is loaded)
     */
    public static CloudTaskAwaiter create(TaskStatusSource source, ScheduledExecutorService scheduler,
            int poolThreads, Clock clock, Random random, Limits limits, Map<CloudService, Limits> serviceLimits,
            Object openTelemetry) {
        return new PollingEngine(source, scheduler, poolThreads, clock, random, limits, serviceLimits,
                IntervalStrategy.adaptive(), Telemetry.of(openTelemetry));
    }

    /** The engine with the schedule {@code intervals}, one set of limits for every service, no telemetry. */
    public static CloudTaskAwaiter create(TaskStatusSource source, ScheduledExecutorService scheduler, Clock clock,
            Random random, double requestsPerSecond, int burst, Duration requestTimeout, IntervalStrategy intervals) {
        return new PollingEngine(source, scheduler, CloudTaskAwaiter.Builder.DEFAULT_POOL_THREADS, clock, random,
                new Limits(requestsPerSecond, burst, requestTimeout), Map.of(), intervals, Telemetry.NONE);
    }
}
