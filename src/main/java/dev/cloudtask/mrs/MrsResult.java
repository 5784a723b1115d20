package dev.cloudtask.mrs;

import dev.cloudtask.internal.Lists;
import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/**
 * The {@code res_obj} of an MRS command progress response.
 *
 * @param clusterId {@code cluster_id} as sent (an integer in the documentation)
 * @param stepList {@code step_list}: the command's steps in order; never null
 * @param failEntityList {@code fail_entity_list}: failed instances (start/stop/restart only); never null
 * @param totalStepSize {@code total_step_size}, or null
 */
public record MrsResult(
        @JsonbProperty("cluster_id") String clusterId,
        @JsonbProperty("step_list") List<MrsStep> stepList,
        @JsonbProperty("fail_entity_list") List<MrsFailEntity> failEntityList,
        @JsonbProperty("total_step_size") Integer totalStepSize) {

    public MrsResult {
        stepList = Lists.copy(stepList);
        failEntityList = Lists.copy(failEntityList);
    }
}
