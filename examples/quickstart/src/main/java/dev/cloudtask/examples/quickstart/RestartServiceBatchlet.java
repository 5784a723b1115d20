package dev.cloudtask.examples.quickstart;

import dev.cloudtask.TaskRef;
import dev.cloudtask.batch.TaskRefs;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Submit step: restarts a service through MRS Manager and publishes the Manager command. */
@Named("restartMrsService")
@Dependent
public class RestartServiceBatchlet extends AbstractBatchlet {
    @Inject @BatchProperty String serviceName;
    @Inject @BatchProperty String simulate;
    @Inject StepContext step;
    @Inject @RestClient MrsServiceApi mrs;

    @Override
    public String process() {
        if (TaskRefs.published(step).isPresent()) {
            return Submissions.ALREADY_SUBMITTED;
        }
        MrsServiceApi.Command command = mrs.restart(serviceName,
                new MrsServiceApi.Restart(Submissions.simulator(simulate)));
        return Submissions.publish(step, TaskRef.mrs(Long.toString(command.id())),
                "MRS restart of service " + serviceName);
    }
}
