package dev.cloudtask.examples.liberty;

import dev.cloudtask.ProgressEvent;
import dev.cloudtask.TaskState;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.TaskStep;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the latest progress of every wait, per job execution: it observes the library's CDI
 * {@link ProgressEvent}, which is fired on the batch step's thread, so the job and step contexts
 * of the waiting step are at hand. {@link JobsResource} shows it with a job's status.
 *
 * <p>Held in memory for the most recent {@value #EXECUTIONS} executions; after a server restart
 * the next poll of a restarted job fills it again.
 */
@ApplicationScoped
public class LatestProgress {

    static final int EXECUTIONS = 200;

    /** The latest progress of one task that a step waits for. */
    @JsonbPropertyOrder({"stepName", "task", "state", "percent", "phase", "remoteStep", "remoteStepsDone",
        "remoteSteps", "errorCode", "at"})
    public record Progress(String stepName, String task, TaskState state, Integer percent, String phase,
            String remoteStep, Integer remoteStepsDone, Integer remoteSteps, String errorCode, Instant at) {

        static Progress of(String stepName, ProgressEvent event) {
            TaskStatus s = event.current();
            List<TaskStep> steps = s.steps();
            String running = steps.stream().filter(t -> !t.state().isTerminal()).map(TaskStep::name)
                    .findFirst().orElse(null);
            Integer done = steps.isEmpty() ? null
                    : (int) steps.stream().filter(t -> t.state() == TaskState.SUCCEEDED).count();
            return new Progress(stepName, event.ref().asString(), s.state(), s.percent(), s.remoteState(),
                    running, done, steps.isEmpty() ? null : steps.size(), s.errorCode(), event.at());
        }
    }

    private final Map<Long, Map<String, Progress>> byExecution = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Map<String, Progress>> eldest) {
            return size() > EXECUTIONS;
        }
    };

    void onProgress(@Observes ProgressEvent event, JobContext job, StepContext step) {
        Progress p = Progress.of(step.getStepName(), event);
        synchronized (byExecution) {
            byExecution.computeIfAbsent(job.getExecutionId(), id -> new LinkedHashMap<>()).put(p.task(), p);
        }
    }

    /** The latest progress of each task waited for in the given execution, oldest wait first. */
    public List<Progress> of(long executionId) {
        synchronized (byExecution) {
            return List.copyOf(byExecution.getOrDefault(executionId, Map.of()).values());
        }
    }
}
