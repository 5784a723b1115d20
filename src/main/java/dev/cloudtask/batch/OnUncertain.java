package dev.cloudtask.batch;

import java.util.Locale;

/**
 * What a {@code submitCloudTask} step does when an earlier execution of it may have reached the
 * service without publishing a task (property {@code onUncertain}).
 */
public enum OnUncertain {
    /** Send nothing; end the step FAILED with exit status {@code SUBMISSION_UNCERTAIN} (the default). */
    FAIL,
    /** Send the operation again (the operator checked that the earlier one did not start anything). */
    RESUBMIT,
    /**
     * DCS only: look in the instance's background-task list for a task created since the earlier
     * attempt (matching {@code taskName} when set) and adopt it; when none is there, end as {@link #FAIL}.
     */
    LOOKUP;

    /**
     * Parses {@code fail}, {@code resubmit} or {@code lookup} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static OnUncertain parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected FAIL, RESUBMIT or LOOKUP");
        }
    }
}
