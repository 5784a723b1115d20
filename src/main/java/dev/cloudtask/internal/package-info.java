/**
 * Implementation classes, not a public API: they may change between releases. Users build the
 * engine with {@link dev.cloudtask.CloudTaskAwaiter#builder}.
 *
 * <p>The await engine lives here: {@code PollingEngine} (the {@link dev.cloudtask.CloudTaskAwaiter},
 * reached through {@code EngineFactory}), the per-wait state machine ({@code PollingWait}), the
 * schedules ({@code IntervalStrategy}, {@code AdaptiveIntervals}, {@code ProgressEstimator}), the
 * token bucket ({@code RateLimiter}), the sharing of polls between waits for the same task
 * ({@code SameTaskWaits}) and the failure table ({@code Fault}).
 *
 * <p>Next to it are the library's single parsers, which the other packages of the library use:
 * ids ({@code PathParams}), durations ({@code Durations}), percentages, timestamps, numbers,
 * Retry-After, error bodies, lenient JSON, and the state-table helper of the per-service mappings.
 */
package dev.cloudtask.internal;
