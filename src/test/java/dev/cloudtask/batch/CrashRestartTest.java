package dev.cloudtask.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A JVM killed in the middle of the wait. Strategy: a first JVM ({@link CrashJobMain}) runs
 * submit-then-await against a remote-task store that lives in files (it survives the JVM) and is
 * killed with SIGKILL while the await step waits; a second JVM restarts the job from the same Derby
 * job repository. The store must show exactly one submission and the job must end COMPLETED.
 * Real processes and real time are the point here; every wait has an explicit timeout.
 */
class CrashRestartTest {
    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(90);

    @Test
    void crash_jvmKilledWhileWaiting_restartInNewJvmCompletesWithOneSubmission() throws Exception {
        Path dir = Path.of("target", "crash-" + UUID.randomUUID()).toAbsolutePath();
        Path db = dir.resolve("db");
        Path cloud = Files.createDirectories(dir.resolve("cloud"));

        Process first = launch("start", db, cloud, dir.resolve("first.log"));
        try {
            awaitFile("the first JVM waiting", () -> waitingMarkers(cloud).size() == 1, first);
        } finally {
            first.destroyForcibly();
        }
        assertTrue(first.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "killed JVM ended");
        List<String> submissions = lines(cloud.resolve("submissions.log"));
        assertEquals(1, submissions.size());
        String taskId = submissions.get(0).substring(submissions.get(0).lastIndexOf('/') + 1);
        Files.delete(waitingMarkers(cloud).get(0));

        Process second = launch("restart", db, cloud, dir.resolve("second.log"));
        try {
            awaitFile("the restarted JVM waiting", () -> waitingMarkers(cloud).size() == 1, second);
            FakeCloud.write(cloud.resolve(taskId + ".state"), "SUCCEEDED");
            assertTrue(second.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "restarted JVM ended");
        } finally {
            second.destroyForcibly();
        }
        assertEquals(0, second.exitValue(), "see " + dir.resolve("second.log"));
        assertEquals("COMPLETED SUCCEEDED", Files.readString(cloud.resolve("result")).trim());
        assertEquals(1, lines(cloud.resolve("submissions.log")).size(), "exactly one submission");
    }

    private static Process launch(String mode, Path db, Path cloud, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dderby.stream.error.file=" + db.resolveSibling("derby-" + mode + ".log"),
                CrashJobMain.class.getName(), mode, db.toString(), cloud.toString());
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
    }

    private static List<Path> waitingMarkers(Path cloud) {
        try (var files = Files.list(cloud)) {
            return files.filter(f -> f.getFileName().toString().startsWith("waiting-")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    }

    private static void awaitFile(String what, BooleanSupplier condition, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + PROCESS_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError("process ended (exit " + process.exitValue() + ") before " + what);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + PROCESS_TIMEOUT + " waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
