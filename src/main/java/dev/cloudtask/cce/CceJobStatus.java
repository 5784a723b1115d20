package dev.cloudtask.cce;

/**
 * The {@code status} of a CCE job.
 *
 * @param phase {@code Initializing}, {@code Running}, {@code Success} or {@code Failed} (others are
 *     kept as sent)
 * @param reason why the job is in this phase; often empty
 * @param message a readable description of the job's state; on a failed node job often the only
 *     explanation (used as the failure detail when {@code reason} is empty)
 */
public record CceJobStatus(String phase, String reason, String message) {
}
