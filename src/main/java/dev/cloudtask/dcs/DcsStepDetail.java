package dev.cloudtask.dcs;

import dev.cloudtask.internal.Lists;
import dev.cloudtask.internal.Timestamps;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One step ({@code StepDetail}) of a DCS background task.
 *
 * <p>Note that DCS fills {@code error_code} even for steps that finished well; it only means
 * something when the step failed.
 *
 * @param stepId {@code step_id}
 * @param stepName {@code step_name}
 * @param stepStatus {@code step_status}: {@code FINISH}, {@code FAILED}, {@code EXECUTING}, {@code WAITING}
 * @param beginTime {@code begin_time} as sent; see {@link #beganAt()}
 * @param endTime {@code end_time} as sent; see {@link #endedAt()}
 * @param errorCode {@code error_code}
 * @param subStepDetails {@code sub_step_details}; never null
 */
public record DcsStepDetail(
        @JsonbProperty("step_id") String stepId,
        @JsonbProperty("step_name") String stepName,
        @JsonbProperty("step_status") String stepStatus,
        @JsonbProperty("begin_time") String beginTime,
        @JsonbProperty("end_time") String endTime,
        @JsonbProperty("error_code") String errorCode,
        @JsonbProperty("sub_step_details") List<DcsSubStepDetail> subStepDetails) {

    public DcsStepDetail {
        subStepDetails = Lists.copy(subStepDetails);
    }

    /** The start time, or empty when missing or unparseable. */
    public Optional<Instant> beganAt() {
        return Timestamps.parse(beginTime);
    }

    /** The end time, or empty when missing or unparseable. */
    public Optional<Instant> endedAt() {
        return Timestamps.parse(endTime);
    }
}
