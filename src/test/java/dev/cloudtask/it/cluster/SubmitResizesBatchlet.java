package dev.cloudtask.it.cluster;

import dev.cloudtask.TaskRef;
import dev.cloudtask.batch.TaskRefs;
import dev.cloudtask.it.DwsOperationsClient;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The submit step of the cluster test job: starts {@code count} DWS jobs that add CNs (clusters
 * {@code cluster-0}, {@code cluster-1}, ...) and publishes them for the partitioned
 * {@code awaitCloudTask} step. Unless it already published them: a step that completed is not run
 * again on restart, and a step that did not finish must not submit twice.
 */
@Named("submitResizes")
@Dependent
public class SubmitResizesBatchlet extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(SubmitResizesBatchlet.class.getName());

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
    String count;

    /** The simulated jobs' running time ({@code sim-duration}). */
    @Inject
    @BatchProperty
    String duration;

    @Override
    public String process() {
        if (TaskRefs.published(step).isPresent()) {
            return "ALREADY_SUBMITTED";
        }
        int n;
        try {
            n = Integer.parseInt(count.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("step property 'count' of step 'submit' has value '" + count
                    + "': expected a whole number", e);
        }
        List<TaskRef> refs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String jobId = dws.resize(projectId, "cluster-" + i, "0s", duration, null, "resize-" + i,
                    Json.createObjectBuilder().add("num", 3).build())
                    .getString("job_id");
            refs.add(TaskRef.dws(projectId, jobId));
        }
        TaskRefs.publish(step, refs, Instant.now());
        LOG.info(() -> "submitted " + refs.size() + " resizes on member " + System.getProperty("wlp.server.name"));
        return "SUBMITTED";
    }
}
