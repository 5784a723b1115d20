package dev.cloudtask.batch;

import dev.cloudtask.TaskRef;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's submit step, as the README describes it: submits {@code count} operations to the
 * (fake) cloud and publishes their references with {@link TaskRefs#publish}. If its step already
 * published references (a restart of a step that did not complete), it does not submit again.
 */
@Named("fakeSubmit")
@Dependent
public class FakeSubmitBatchlet extends AbstractBatchlet {
    @Inject @BatchProperty String count;
    @Inject StepContext stepContext;

    @Override
    public String process() {
        if (TaskRefs.published(stepContext).isPresent()) {
            return "ALREADY_SUBMITTED";
        }
        int n = count == null || count.isBlank() ? 1 : Integer.parseInt(count.trim());
        List<TaskRef> refs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            refs.add(FakeCloud.get().submit());
        }
        TaskRefs.publish(stepContext, refs, Instant.now());
        return "SUBMITTED";
    }
}
