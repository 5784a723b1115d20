package dev.cloudtask.batch;

import dev.cloudtask.TaskRef;
import java.time.Instant;
import java.util.List;

/** Which tasks a step waits for, as its job-XML properties say. */
sealed interface TaskSelector {

    /** Tasks named in the job XML ({@code taskId} or {@code tasks}). */
    record Explicit(List<TaskRef> refs, Instant submittedAt) implements TaskSelector {
        public Explicit {
            refs = List.copyOf(refs);
        }
    }

    /** Tasks published by an earlier step of the job ({@code taskFromStep}). */
    record FromStep(String stepName) implements TaskSelector {
    }
}
