package dev.cloudtask.batch;

import dev.cloudtask.batch.JobXmlProperty.Artifact;
import dev.cloudtask.client.CloudOperations;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.Batchlet;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Properties;

/**
 * The {@code submitCloudTask} batchlet: starts one operation declared in job XML and publishes the
 * task it started ({@link TaskRefs#publish}) for a following {@code awaitCloudTask} with
 * {@code taskFromStep}.
 *
 * <p>Properties: {@code service}, {@code method}, {@code path} (placeholders from {@code projectId},
 * {@code instanceId}, {@code clusterId}, {@code nodeId}, {@code serviceName}, {@code pathParams}),
 * the body from one of {@code body}, {@code bodyResource}, {@code bodyParameter}, and where the task
 * id is ({@code taskIdPointer}; DCS: {@code taskName}), plus {@code onUncertain} and
 * {@code errorBudget}: the rows of {@link JobXmlProperties.Submit}, one field each. The request goes
 * through the application's {@link CloudOperations}.
 *
 * <p>Exit statuses: {@value #SUBMITTED} (step COMPLETED); {@code REJECTED:<code>} (the service
 * refused it, nothing started; FAILED); {@value #SUBMISSION_UNCERTAIN} (the operation may have
 * started but no task was published; FAILED, restartable); {@value #NOT_SENT} (the request never
 * reached the service within the error budget, or the runtime's HTTP client cannot send its method;
 * FAILED); {@value #NO_TASK_ID} (accepted, but the answer names no task; FAILED);
 * {@code INVALID_PROPERTY:<name>}.
 *
 * <p>It never sends twice without saying so: before sending it reads the earlier executions of
 * its step in the job repository ({@link SubmitHistory}); when one of them may have sent the
 * operation without publishing a task, it sends nothing and ends {@value #SUBMISSION_UNCERTAIN}
 * unless {@code onUncertain} says otherwise.
 */
@Named("submitCloudTask")
@Dependent
public class SubmitCloudTaskBatchlet implements Batchlet {
    /** The operation was accepted and its task published. */
    public static final String SUBMITTED = "SUBMITTED";
    /** Prefix of the exit status when the service refused the operation: {@code REJECTED:<error code>}. */
    public static final String REJECTED_PREFIX = "REJECTED:";
    /** The operation may have started, but no task was published. */
    public static final String SUBMISSION_UNCERTAIN = "SUBMISSION_UNCERTAIN";
    /** The request never reached the service (connection refused, throttled) within the error budget. */
    public static final String NOT_SENT = "NOT_SENT";
    /** The service accepted the operation, but its answer named no task. */
    public static final String NO_TASK_ID = "NO_TASK_ID";

    @Inject @BatchProperty String service;
    @Inject @BatchProperty String method;
    @Inject @BatchProperty String path;
    @Inject @BatchProperty String projectId;
    @Inject @BatchProperty String instanceId;
    @Inject @BatchProperty String clusterId;
    @Inject @BatchProperty String nodeId;
    @Inject @BatchProperty String serviceName;
    @Inject @BatchProperty String pathParams;
    @Inject @BatchProperty String body;
    @Inject @BatchProperty String bodyResource;
    @Inject @BatchProperty String bodyParameter;
    @Inject @BatchProperty String taskIdPointer;
    @Inject @BatchProperty String taskName;
    @Inject @BatchProperty String onUncertain;
    @Inject @BatchProperty String errorBudget;

    @Inject JobContext jobContext;
    @Inject StepContext stepContext;
    @Inject CloudOperations operations;

    private volatile SubmitRun run;
    private volatile boolean stopped;

    @Override
    public String process() {
        String label = ProgressReporter.jobLabel(jobContext) + " step " + stepContext.getStepName();
        JobOperator operator = BatchRuntime.getJobOperator();
        SubmitHistory past = SubmitHistory.read(operator, jobContext.getExecutionId(), stepContext.getStepName(),
                stepContext.getStepExecutionId());
        SubmitSpec spec;
        try {
            Properties parameters = operator.getParameters(jobContext.getExecutionId());
            spec = SubmitSpec.from(new StepProperties(JobXmlProperties.read(this, Artifact.SUBMIT_BATCHLET)),
                    name -> parameters == null ? null : parameters.getProperty(name));
        } catch (InvalidPropertyException e) {
            // nothing is sent now; an earlier execution's uncertainty is carried forward
            java.time.Instant carried = !past.uncertain() ? null
                    : past.mayHaveSentAt() != null ? past.mayHaveSentAt() : operations.clock().instant();
            stepContext.setPersistentUserData(new SubmitRecord(carried, "submitCloudTask (invalid properties)").encode());
            throw CloudTaskStepException.invalidProperty(stepContext, Artifact.SUBMIT_BATCHLET, e, e.property());
        }
        SubmitRun r = new SubmitRun(stepContext, label, operations, () -> past);
        run = r;
        if (stopped) {
            r.stop();
        }
        return r.run(spec);
    }

    @Override
    public void stop() {
        stopped = true;
        SubmitRun r = run;
        if (r != null) {
            r.stop();
        }
    }
}
