package dev.cloudtask.mrs;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * One entry of {@code res_obj.fail_entity_list}.
 *
 * @param failEntity {@code fail_entity}: the failed instance
 * @param operationType {@code operation_type}: {@code STOP} or {@code START}
 */
public record MrsFailEntity(
        @JsonbProperty("fail_entity") String failEntity,
        @JsonbProperty("operation_type") String operationType) {
}
