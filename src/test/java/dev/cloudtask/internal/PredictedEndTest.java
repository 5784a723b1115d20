package dev.cloudtask.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.AwaitOutcome;
import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.CloudTaskAwaiter;
import dev.cloudtask.ProgressEvent;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskState;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.TaskStatusSource;
import dev.cloudtask.testkit.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The predicted end the engine puts in progress events, in virtual time on a task whose percent
 * grows linearly: once half the task is done every event predicts the real end within 10 % of the
 * task's duration.
 */
class PredictedEndTest {

    @ParameterizedTest(name = "{0} min task")
    @ValueSource(ints = {10, 60, 360})
    void linearTask_afterHalf_predictionWithinTenPercent(int minutes) {
        Duration length = Duration.ofMinutes(minutes);
        VirtualScheduler time = new VirtualScheduler();
        Instant start = time.now();
        Instant realEnd = start.plus(length);
        TaskStatusSource linear = ref -> {
            Duration elapsed = Duration.between(start, time.now());
            if (elapsed.compareTo(length) >= 0) {
                return CompletableFuture.completedFuture(TaskStatus.of(TaskState.SUCCEEDED, "SUCCESS"));
            }
            int percent = (int) (100 * elapsed.toMillis() / length.toMillis());
            return CompletableFuture.completedFuture(new TaskStatus(TaskState.RUNNING, percent, "RUNNING",
                    List.of(), null, null, null, null, null));
        };
        List<ProgressEvent> events = new ArrayList<>();
        AwaitPolicy policy = AwaitPolicy.ofDefaults().withInitialDelay(Duration.ZERO).withTimeout(length.multipliedBy(3));
        try (CloudTaskAwaiter awaiter = CloudTaskAwaiter.builder(linear).scheduler(time).clock(time.clock())
                .random(new Random(7)).build()) {
            var h = awaiter.start(TaskRef.dws("p1", "linear"), start, policy, events::add);
            time.runUntil(() -> h.outcome().toCompletableFuture().isDone(), length.multipliedBy(4));
            assertEquals(AwaitOutcome.Kind.SUCCEEDED, h.join().kind());
        }
        List<ProgressEvent> secondHalf = events.stream()
                .filter(e -> e.current().state() == TaskState.RUNNING && e.current().percent() >= 50).toList();
        assertTrue(secondHalf.size() >= 3, "several events in the second half: " + secondHalf.size());
        long tolerance = length.toMillis() / 10;
        for (ProgressEvent e : secondHalf) {
            assertNotNull(e.predictedEnd(), "a prediction at " + e.current().percent() + "%");
            long error = Math.abs(Duration.between(realEnd, e.predictedEnd()).toMillis());
            assertTrue(error <= tolerance, "at " + e.current().percent() + "% predicted " + e.predictedEnd()
                    + ", real end " + realEnd + ": off by " + error + " ms, more than 10 % of " + length);
        }
    }
}
