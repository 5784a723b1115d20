package dev.cloudtask.examples.quickstart;

import dev.cloudtask.batch.AwaitEnded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Observes the library's {@link AwaitEnded} event and keeps the outcome of every await step (task,
 * polls, elapsed time) for the summary table. Observers run on the batch step's thread.
 */
@ApplicationScoped
public class WaitRecorder {
    private final Map<String, AwaitEnded> ended = new ConcurrentHashMap<>();

    void on(@Observes AwaitEnded event) {
        ended.put(key(event.executionId(), event.stepName()), event);
    }

    /** The outcome of the wait in step {@code stepName} of job execution {@code executionId}, if it had one. */
    public Optional<AwaitEnded> find(long executionId, String stepName) {
        return Optional.ofNullable(ended.get(key(executionId, stepName)));
    }

    private static String key(long executionId, String stepName) {
        return executionId + "/" + stepName;
    }
}
