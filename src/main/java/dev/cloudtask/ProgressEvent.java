package dev.cloudtask;

import java.time.Instant;

/**
 * Sent when a waited-for task changes state, percent or step. In a CDI container it is also fired
 * as a CDI event, so an application can {@code @Observes ProgressEvent}.
 *
 * @param ref the task
 * @param previous the status before the change, or null for the first observation
 * @param current the status now
 * @param at when the change was observed
 */
public record ProgressEvent(TaskRef ref, TaskStatus previous, TaskStatus current, Instant at) {
}
