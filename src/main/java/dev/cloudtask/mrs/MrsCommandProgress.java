package dev.cloudtask.mrs;

import dev.cloudtask.internal.Percentages;
import jakarta.json.bind.annotation.JsonbProperty;
import java.util.OptionalInt;

/**
 * An MRS Manager command's progress, as returned by
 * {@code GET /web/v1/common/command/{command_id}/progress}.
 *
 * @param id asynchronous task id ({@code -1} when meaningless), or null
 * @param state {@code NEW}, {@code IN_PROGRESS}, {@code COMPLETE}, {@code FAILED}
 * @param errorCode {@code error_code} as sent (an integer in the documentation; {@code 0} means none)
 * @param errorDescription {@code error_description}
 * @param totalProgress {@code total_progress} as sent (a float); see {@link #percent()}
 * @param resObj {@code res_obj}, or null
 */
public record MrsCommandProgress(
        Long id,
        String state,
        @JsonbProperty("error_code") String errorCode,
        @JsonbProperty("error_description") String errorDescription,
        @JsonbProperty("total_progress") String totalProgress,
        @JsonbProperty("res_obj") MrsResult resObj) {

    /** Total progress 0..100 (fraction rounded down), or empty when missing or not a percentage. */
    public OptionalInt percent() {
        return Percentages.parse(totalProgress);
    }

    /** Whether {@code error_code} names an error: present, not blank and not {@code 0}. */
    public boolean hasErrorCode() {
        return errorCode != null && !errorCode.isBlank() && !errorCode.strip().equals("0");
    }
}
