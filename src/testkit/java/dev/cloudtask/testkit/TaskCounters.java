package dev.cloudtask.testkit;

/**
 * How often a task was submitted and polled.
 *
 * @param taskId the task id
 * @param submissions how many operation requests created it (0 for a task created from Java)
 * @param polls how many progress requests named it (every answer counts, faults included)
 */
public record TaskCounters(String taskId, long submissions, long polls) {
}
