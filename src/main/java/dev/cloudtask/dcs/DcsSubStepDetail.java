package dev.cloudtask.dcs;

import dev.cloudtask.internal.Timestamps;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;
import java.util.Optional;

/**
 * One sub-step ({@code SubStepDetail}) of a DCS task step.
 *
 * @param subStepId {@code sub_step_id}
 * @param subStepName {@code sub_step_name}
 * @param subStepStatus {@code sub_step_status}: the step values, and also {@code SUSPEND}, {@code CANCELED}
 * @param beginTime {@code begin_time} as sent; see {@link #beganAt()}
 * @param endTime {@code end_time} as sent; see {@link #endedAt()}
 * @param detail {@code detail}: free text, sometimes JSON-like
 * @param errorCode {@code error_code}
 */
public record DcsSubStepDetail(
        @JsonbProperty("sub_step_id") String subStepId,
        @JsonbProperty("sub_step_name") String subStepName,
        @JsonbProperty("sub_step_status") String subStepStatus,
        @JsonbProperty("begin_time") String beginTime,
        @JsonbProperty("end_time") String endTime,
        String detail,
        @JsonbProperty("error_code") String errorCode) {

    /** The start time, or empty when missing or unparseable. */
    public Optional<Instant> beganAt() {
        return Timestamps.parse(beginTime);
    }

    /** The end time, or empty when missing or unparseable. */
    public Optional<Instant> endedAt() {
        return Timestamps.parse(endTime);
    }
}
