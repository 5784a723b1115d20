package dev.cloudtask;

import java.time.Duration;
import java.time.Instant;

/**
 * Sent when a waited-for task changes state, percent or step. In a CDI container it is also fired
 * as a CDI event, so an application can {@code @Observes ProgressEvent}.
 *
 * @param ref the task
 * @param previous the status before the change, or null for the first observation
 * @param current the status now
 * @param at when the change was observed
 * @param predictedEnd when the task is predicted to end, from the progress it reported so far; null
 *     when there is no prediction (no progress signal yet, too little evidence, an ended task, or a
 *     schedule that does not predict)
 * @param predictedEndSpread the uncertainty of {@code predictedEnd}: the end is expected within
 *     {@code predictedEnd ± predictedEndSpread}; null exactly when {@code predictedEnd} is null
 */
public record ProgressEvent(TaskRef ref, TaskStatus previous, TaskStatus current, Instant at,
        Instant predictedEnd, Duration predictedEndSpread) {

    public ProgressEvent {
        if ((predictedEnd == null) != (predictedEndSpread == null)) {
            throw new IllegalArgumentException("predictedEnd '" + predictedEnd + "' and predictedEndSpread '"
                    + predictedEndSpread + "' must both be given or both be null");
        }
        if (predictedEndSpread != null && predictedEndSpread.isNegative()) {
            throw new IllegalArgumentException("predictedEndSpread '" + predictedEndSpread + "' must not be negative");
        }
    }

    /** An event without a prediction. */
    public ProgressEvent(TaskRef ref, TaskStatus previous, TaskStatus current, Instant at) {
        this(ref, previous, current, at, null, null);
    }
}
