package dev.cloudtask.cce;

import java.util.List;

/**
 * A CCE job as returned by {@code GET /api/v3/projects/{project_id}/jobs/{job_id}}; sub-jobs have the
 * same shape.
 *
 * <p>Missing objects are null ({@code metadata}, {@code spec}, {@code status}); use
 * {@link #phase()} and {@link #subJobs()} for null-safe access.
 *
 * @param kind always {@code Job}
 * @param apiVersion always {@code v3}
 * @param metadata id and times, or null
 * @param spec what the job does, with its sub-jobs, or null
 * @param status phase and reason, or null
 */
public record CceJob(String kind, String apiVersion, CceJobMetadata metadata, CceJobSpec spec,
        CceJobStatus status) {

    /** {@code status.phase} as sent, or null when the job has no status yet. */
    public String phase() {
        return status == null ? null : status.phase();
    }

    /** {@code status.reason} as sent, or null. */
    public String reason() {
        return status == null ? null : status.reason();
    }

    /** {@code status.message} as sent, or null. */
    public String message() {
        return status == null ? null : status.message();
    }

    /** {@code spec.subJobs}, empty when there is no spec or no sub-job. */
    public List<CceJob> subJobs() {
        return spec == null ? List.of() : spec.subJobs();
    }
}
