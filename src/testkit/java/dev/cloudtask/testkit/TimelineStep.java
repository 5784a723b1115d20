package dev.cloudtask.testkit;

import java.util.List;
import java.util.Objects;

/**
 * A named step of a simulated task with optional named sub-steps. Steps share the task's running
 * time equally, and sub-steps share their step's time equally.
 *
 * <p>Rendered as CCE {@code spec.subJobs[]} (the step name is the sub-job {@code spec.type}), DCS
 * {@code step_details[]} with {@code sub_step_details[]}, and MRS {@code res_obj.step_list[]}.
 * DWS has no step list and ignores steps.
 *
 * @param name the step name, not blank
 * @param subSteps names of the sub-steps, possibly empty
 */
public record TimelineStep(String name, List<String> subSteps) {
    public TimelineStep {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("step name '" + name + "' is blank");
        }
        subSteps = List.copyOf(Objects.requireNonNull(subSteps, "subSteps"));
        for (String s : subSteps) {
            if (s == null || s.isBlank()) {
                throw new IllegalArgumentException("sub-step name '" + s + "' of step '" + name + "' is blank");
            }
        }
    }

    /** A step with sub-steps. */
    public static TimelineStep of(String name, String... subSteps) {
        return new TimelineStep(name, List.of(subSteps));
    }
}
