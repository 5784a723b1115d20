package dev.cloudtask.batch;

import java.util.Locale;

/** How one step waits for several tasks (job-XML property {@code mode}). */
public enum FanIn {
    /**
     * The step succeeds when every task succeeded; it ends as soon as one task fails, times out or
     * cannot be read (the other waits are stopped), with that task's exit status. The default.
     */
    ALL,
    /**
     * The step succeeds as soon as one task succeeded (the other waits are stopped); when every task
     * failed, it ends with the exit status of the first task in list order.
     */
    ANY;

    /**
     * Parses {@code all} or {@code any} (case-insensitive).
     *
     * @throws IllegalArgumentException when it is neither
     */
    static FanIn parse(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        for (FanIn m : values()) {
            if (m.name().equals(v)) {
                return m;
            }
        }
        throw new IllegalArgumentException("expected all or any");
    }
}
