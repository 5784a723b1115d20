package dev.cloudtask.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.StepExecution;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The plumbing of the real-server tier, run in both OpenLiberty and Payara Micro: a WAR that carries
 * the library runs a batch job through the server's own batch runtime, and a CDI-injected
 * MicroProfile REST Client reaches an HTTP endpoint in the test JVM over loopback.
 *
 * <p>Strategy: the test methods run inside the server; the stub they call runs in the test JVM
 * ({@link LoopbackStubExtension}), and the servers find it through MicroProfile Config.
 */
@ExtendWith(LoopbackStubExtension.class)
@ExtendWith(ArquillianExtension.class)
class ServerPlumbingIT {

    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);

    @Inject
    @RestClient
    StubTaskClient client;

    @Deployment
    static WebArchive deployment() {
        return ItDeployments.war("cloudtask-plumbing-it",
                new Class<?>[] {
                    StubTaskClient.class, StubTaskClient.StubJob.class,
                    StubTaskClient.StubJob.Metadata.class, StubTaskClient.StubJob.Status.class,
                    PlumbingBatchlet.class, BatchAwait.class, LoopbackStubExtension.class
                },
                "it-plumbing");
    }

    @Test
    void restClient_injectedInServer_readsJobFromLoopbackStub() {
        StubTaskClient.StubJob job = client.job("p1", "job-42");

        assertEquals("job-42", job.metadata().uid());
        assertEquals("Success", job.status().phase());
    }

    @Test
    void batchJob_startedThroughJobOperator_completesWithBatchletExitStatus() throws InterruptedException {
        JobExecution execution = runPlumbingJob("cce/p1/job-7");

        assertEquals(BatchStatus.COMPLETED, execution.getBatchStatus());
        assertEquals("SUCCEEDED", onlyStep(execution).getExitStatus());
    }

    @Test
    void batchJob_remoteTaskFailed_stepExitStatusCarriesPhase() throws InterruptedException {
        JobExecution execution = runPlumbingJob("cce/p1/fail-1");

        assertEquals(BatchStatus.COMPLETED, execution.getBatchStatus());
        assertEquals("FAILED:Failed", onlyStep(execution).getExitStatus());
    }

    private static JobExecution runPlumbingJob(String task) throws InterruptedException {
        JobOperator operator = BatchRuntime.getJobOperator();
        Properties parameters = new Properties();
        parameters.setProperty("task", task);
        long executionId = operator.start("it-plumbing", parameters);
        return BatchAwait.finished(operator, executionId, JOB_TIMEOUT);
    }

    private static StepExecution onlyStep(JobExecution execution) {
        List<StepExecution> steps = BatchRuntime.getJobOperator().getStepExecutions(execution.getExecutionId());
        assertEquals(1, steps.size(), "step executions of " + execution.getExecutionId());
        return steps.get(0);
    }
}
