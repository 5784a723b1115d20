package dev.cloudtask.testkit;

import dev.cloudtask.TaskRef;
import java.time.Instant;
import java.util.Objects;

/**
 * A task known to the simulator: its reference, when it was created and its timeline.
 *
 * @param ref the reference a client polls (service, project, instance, id)
 * @param resourceId the resource the operation acted on (CCE cluster, DWS cluster, MRS service name),
 *     or null
 * @param createdAt creation time on the simulator's clock
 * @param timeline the script
 */
public record SimTask(TaskRef ref, String resourceId, Instant createdAt, Timeline timeline) {
    public SimTask {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(timeline, "timeline");
    }

    /** The task id (CCE job id, DCS task id, DWS job id, MRS command id). */
    public String id() {
        return ref.taskId();
    }

    /** When the task starts running. */
    public Instant startsAt() {
        return createdAt.plus(timeline.queuedFor());
    }

    /** When the task ends (succeeds or fails, early or at the end of its duration). */
    public Instant endsAt() {
        return startsAt().plus(timeline.runsFor());
    }

    /** Whether polls for this task answer 404 at {@code now} (inside the not-found window). */
    public boolean hiddenAt(Instant now) {
        return now.isBefore(createdAt.plus(timeline.notFoundFor()));
    }
}
