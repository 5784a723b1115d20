package dev.cloudtask.mrs;

/**
 * One entry of {@code res_obj.step_list}. MRS reports no per-step state.
 *
 * @param name the step name
 * @param description the step description
 */
public record MrsStep(String name, String description) {
}
