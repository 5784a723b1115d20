package dev.cloudtask.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.testkit.AcceleratedClock;
import dev.cloudtask.testkit.CloudSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A JVM killed in the middle of the wait ({@link CrashRun}): the simulator runs in this JVM on an
 * accelerated clock (it outlives the job JVMs); a first job JVM submits through the simulator's
 * operation endpoint and is killed with SIGKILL while the await step polls; a second JVM restarts
 * the job from the same Derby database. The simulator's counters must show exactly one submission,
 * and the job must end COMPLETED. Real processes and real time are the point here; every wait has
 * an explicit bound.
 */
class CrashRestartTest {
    private static final double FACTOR = 600;   // 1 h of remote time in 6 s
    private static final Duration TASK = Duration.ofHours(2);

    @Test
    void crash_jvmKilledWhileWaiting_restartInNewJvmCompletesWithOneSubmission() throws Exception {
        Instant origin = Instant.now();
        try (CloudSimulator sim = CloudSimulator.builder().clock(AcceleratedClock.since(origin, FACTOR)).start()) {
            CrashRun run = new CrashRun(sim, origin, FACTOR, Path.of("target", "crash-" + UUID.randomUUID()));

            CrashRun.Result result = run.run(TASK, List.of(0.3));

            assertEquals("COMPLETED SUCCEEDED", result.status(), "see " + run.workDir());
            assertEquals(1, result.submissions(), "exactly one submission");
            assertEquals(1, result.restarts());
            assertTrue(result.killMoments().get(0) < 1.0, "killed while the task ran: " + result.moments());
            assertTrue(result.polls() >= 2, "polled before the kill and after the restart: " + result.polls());
        }
    }
}
