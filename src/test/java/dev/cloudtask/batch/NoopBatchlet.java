package dev.cloudtask.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;

/** A step that does nothing (the harness's warm-up job). */
@Named("noop")
@Dependent
public class NoopBatchlet extends AbstractBatchlet {
    @Override
    public String process() {
        return "DONE";
    }
}
