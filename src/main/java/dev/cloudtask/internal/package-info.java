/**
 * Implementation classes, not a public API: they may change between releases.
 *
 * <p>The await engine lives here: {@link dev.cloudtask.internal.PollingEngine} (the
 * {@link dev.cloudtask.CloudTaskAwaiter} with its builder), the per-wait state machine
 * ({@code PollingWait}), the schedules ({@link dev.cloudtask.internal.IntervalStrategy},
 * {@code AdaptiveIntervals}, {@code ProgressEstimator}), the token bucket ({@code RateLimiter}),
 * the shared requests and coalesced polls for identical task references ({@code SharedFetches},
 * {@code SameTaskWaits}) and the failure table ({@code Fault}).
 *
 * <p>Next to it are the library's single parsers: ids ({@link dev.cloudtask.internal.PathParams}),
 * durations ({@link dev.cloudtask.internal.Durations}), percentages, timestamps, numbers,
 * Retry-After, error bodies, lenient JSON, and the state-table helper used by the per-service
 * mappings.
 */
package dev.cloudtask.internal;
