package dev.cloudtask.batch;

import java.util.Locale;

/** What a step does when the remote task ends in failure (job-XML property {@code onRemoteFailure}). */
public enum OnRemoteFailure {
    /** The step fails (batch status FAILED, restartable); the default. */
    FAIL,
    /** The step completes with exit status {@code FAILED:<code>}, so job XML can branch on it. */
    COMPLETE;

    /**
     * Parses {@code FAIL} or {@code COMPLETE} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the value when it is neither
     */
    static OnRemoteFailure parse(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        for (OnRemoteFailure m : values()) {
            if (m.name().equals(v)) {
                return m;
            }
        }
        throw new IllegalArgumentException("expected FAIL or COMPLETE");
    }
}
