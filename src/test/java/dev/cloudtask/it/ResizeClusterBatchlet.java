package dev.cloudtask.it;

import dev.cloudtask.TaskRef;
import dev.cloudtask.batch.TaskRefs;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.StepContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import java.time.Instant;
import java.util.logging.Logger;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The submit step of the test job, written as the job-XML page tells a user to: unless this step
 * already published a task (a restart after a failure), it starts one DWS job (adding coordinator nodes) through its own
 * injected client and publishes the returned job with {@link TaskRefs#publish}; the following
 * {@code awaitCloudTask} step finds it with {@code taskFromStep}.
 */
@Named("resizeCluster")
@jakarta.enterprise.context.Dependent
public class ResizeClusterBatchlet extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(ResizeClusterBatchlet.class.getName());

    @Inject
    StepContext step;

    @Inject
    @RestClient
    DwsOperationsClient dws;

    @Inject
    @BatchProperty
    String projectId;

    @Inject
    @BatchProperty
    String clusterId;

    /** The simulated job's running time ({@code sim-duration}). */
    @Inject
    @BatchProperty
    String duration;

    /** When set, the simulated job fails with this code ({@code sim-fail-code}). */
    @Inject
    @BatchProperty
    String failCode;

    @Override
    public String process() {
        if (TaskRefs.published(step).isPresent()) {
            return "ALREADY_SUBMITTED";
        }
        String fail = failCode == null || failCode.isBlank() ? null : failCode;
        String jobId = dws.resize(projectId, clusterId, "0s", duration, fail, "resizeCluster",
                Json.createObjectBuilder().add("num", 3).build())
                .getString("job_id");
        TaskRef ref = TaskRef.dws(projectId, jobId);
        TaskRefs.publish(step, ref, Instant.now());
        LOG.info(() -> "submitted CN addition on cluster " + clusterId + ": " + ref.asString());
        return "SUBMITTED";
    }
}
