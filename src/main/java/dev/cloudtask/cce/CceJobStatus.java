package dev.cloudtask.cce;

/**
 * The {@code status} of a CCE job.
 *
 * @param phase {@code Initializing}, {@code Running}, {@code Success} or {@code Failed} (others are
 *     kept as sent)
 * @param reason why the job is in this phase; often empty
 */
public record CceJobStatus(String phase, String reason) {
}
