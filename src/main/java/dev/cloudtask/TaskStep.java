package dev.cloudtask;

import java.util.Objects;

/**
 * One step (DCS step, CCE sub-job, MRS step) of a remote task, as the service reported it.
 *
 * @param name the step's name as sent (never null; empty when the service sent none)
 * @param remoteState the step's state as sent, or null when the service reports none
 * @param state the normalized state of the step
 */
public record TaskStep(String name, String remoteState, TaskState state) {
    public TaskStep {
        name = name == null ? "" : name;
        Objects.requireNonNull(state, "state");
    }
}
