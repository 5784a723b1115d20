package dev.cloudtask.it;

import dev.cloudtask.TaskRef;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The tests' own batchlet, standing in for {@code awaitCloudTask} until it exists: it parses its
 * {@code task} property with the library's {@link TaskRef} (so the library jar must be visible to the
 * batch runtime), reads that CCE job once through the CDI-injected {@link StubTaskClient}, and exits
 * with {@code SUCCEEDED} or {@code FAILED:<phase>}.
 */
@Named("plumbingBatchlet")
@Dependent
public class PlumbingBatchlet extends AbstractBatchlet {

    @Inject
    @BatchProperty(name = "task")
    String task;

    @Inject
    @RestClient
    StubTaskClient client;

    @Override
    public String process() {
        TaskRef ref = TaskRef.parse(task);
        StubTaskClient.StubJob job = client.job(ref.projectId(), ref.taskId());
        String phase = job.status().phase();
        return "Success".equals(phase) ? "SUCCEEDED" : "FAILED:" + phase;
    }
}
