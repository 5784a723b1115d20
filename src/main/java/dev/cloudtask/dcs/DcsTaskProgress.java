package dev.cloudtask.dcs;

import dev.cloudtask.internal.Lists;
import dev.cloudtask.internal.Percentages;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A DCS background task's progress, as returned by
 * {@code GET /v2/{project_id}/instances/{instance_id}/tasks/{task_id}/progress}.
 *
 * @param progress overall progress as sent (documented as an integer percentage; a string such as
 *     {@code "30%"} is kept as is); see {@link #percent()}
 * @param remainTime {@code remain_time}: remaining seconds, or null
 * @param stepDetails {@code step_details}: the steps in order; never null
 */
public record DcsTaskProgress(
        String progress,
        @JsonbProperty("remain_time") Long remainTime,
        @JsonbProperty("step_details") List<DcsStepDetail> stepDetails) {

    public DcsTaskProgress {
        stepDetails = Lists.copy(stepDetails);
    }

    /** Overall progress 0..100, or empty when missing or not a percentage. */
    public OptionalInt percent() {
        return Percentages.parse(progress);
    }

    /** The remaining time, or empty when missing or negative. */
    public Optional<Duration> remaining() {
        return Optional.ofNullable(remainTime).filter(s -> s >= 0).map(Duration::ofSeconds);
    }
}
