package dev.cloudtask.dws;

import dev.cloudtask.internal.Percentages;
import dev.cloudtask.internal.Timestamps;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A DWS job's progress, as returned by {@code GET /v1.0/{project_id}/job/{job_id}}.
 *
 * @param jobId {@code job_id}
 * @param jobName {@code job_name}, e.g. {@code ecfClusterElbCreateJob}
 * @param beginTime {@code begin_time} as sent ({@code 2022-11-09T20:25:00}, no zone); see {@link #beganAt()}
 * @param endTime {@code end_time} as sent; see {@link #endedAt()}
 * @param status {@code status}: {@code INIT}, {@code WAITING}, {@code RUNNING}, {@code DELAY_SCHEDULED},
 *     {@code SUCCESS}, {@code FAIL}, {@code ERROR}, {@code STOP}
 * @param failedCode {@code failed_code}, e.g. {@code CreateELBTask-fail:DWS.0114}
 * @param failedDetail {@code failed_detail}
 * @param progress {@code progress} as sent, e.g. {@code "9%"}; see {@link #percent()}
 */
public record DwsJob(
        @JsonbProperty("job_id") String jobId,
        @JsonbProperty("job_name") String jobName,
        @JsonbProperty("begin_time") String beginTime,
        @JsonbProperty("end_time") String endTime,
        String status,
        @JsonbProperty("failed_code") String failedCode,
        @JsonbProperty("failed_detail") String failedDetail,
        String progress) {

    /** Progress 0..100, or empty when missing or not a percentage. */
    public OptionalInt percent() {
        return Percentages.parse(progress);
    }

    /** The start time (a time without zone is taken as UTC), or empty when missing or unparseable. */
    public Optional<Instant> beganAt() {
        return Timestamps.parse(beginTime);
    }

    /** The end time, or empty when missing or unparseable. */
    public Optional<Instant> endedAt() {
        return Timestamps.parse(endTime);
    }
}
