package dev.cloudtask.batch;

import dev.cloudtask.CloudService;
import dev.cloudtask.client.OperationRequest;

/**
 * A {@code submitCloudTask} step's operation as its properties declare it, checked and filled in.
 *
 * @param request the request to send (path filled, body read)
 * @param projectId the project of the resulting task (null for MRS)
 * @param instanceId the DCS instance of the resulting task, else null
 * @param taskIdPointer the JSON Pointer to the task id in the answer, or null to find the task in
 *     the DCS instance's background-task list
 * @param taskName the DCS background task's name to match, or null for any
 * @param onUncertain what to do when an earlier execution may have sent the operation
 * @param errorBudget how many times a request that certainly started nothing is sent again
 */
record SubmitSpec(OperationRequest request, String projectId, String instanceId, String taskIdPointer,
        String taskName, OnUncertain onUncertain, int errorBudget) {

    CloudService service() {
        return request.service();
    }

    /** {@code DWS POST /v1.0/.../resize} for messages. */
    String operation() {
        return request.describe();
    }
}
