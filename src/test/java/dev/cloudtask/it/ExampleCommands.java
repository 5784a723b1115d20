package dev.cloudtask.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the commands of the example's documentation as child processes of the test JVM, each with
 * its output in a log file under {@code target/example-it/}.
 *
 * <p>The example project resolves the library as {@code dev.cloudtask:cloudtask-batch} from a Maven
 * repository. So that the test runs the library just built, without installing it into the user's
 * local repository, the example's Maven commands run with their own local repository
 * {@code target/example-it/repo}: the library's jars and pom are placed there, and everything else
 * is copied from the user's local repository (a {@code file:} repository in
 * {@code target/example-it/settings.xml}) or downloaded from Maven Central.
 */
final class ExampleCommands {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(120);

    private final Path root;
    private final Path work;
    private final Path example;

    private ExampleCommands(Path root) {
        this.root = root;
        this.work = root.resolve("target/example-it");
        this.example = root.resolve("examples/liberty-app");
    }

    /**
     * Prepares {@code target/example-it}: the settings file and the library in the local repository.
     * The system properties come from the failsafe executions (pom.xml).
     */
    static ExampleCommands prepare() throws IOException {
        ExampleCommands c = new ExampleCommands(Path.of(required("it.root.dir")).toAbsolutePath());
        Files.createDirectories(c.work);
        String groupPath = required("it.project.groupId").replace('.', '/');
        String artifactId = required("it.project.artifactId");
        String version = required("it.project.version");
        Path dir = c.work.resolve("repo").resolve(groupPath).resolve(artifactId).resolve(version);
        Files.createDirectories(dir);
        String base = artifactId + "-" + version;
        copy(Path.of(required("it.library.jar")), dir.resolve(base + ".jar"));
        copy(Path.of(required("it.testkit.jar")), dir.resolve(base + "-" + required("it.testkit.classifier") + ".jar"));
        copy(c.root.resolve("pom.xml"), dir.resolve(base + ".pom"));
        String userRepo = Path.of(required("it.maven.repo")).toUri().toString();
        Files.writeString(c.work.resolve("settings.xml"), """
                <settings>
                  <profiles>
                    <profile>
                      <id>user-repository</id>
                      <repositories>
                        <repository>
                          <id>user-repository</id>
                          <url>%1$s</url>
                          <releases><checksumPolicy>ignore</checksumPolicy></releases>
                          <snapshots><enabled>false</enabled></snapshots>
                        </repository>
                      </repositories>
                      <pluginRepositories>
                        <pluginRepository>
                          <id>user-repository</id>
                          <url>%1$s</url>
                          <releases><checksumPolicy>ignore</checksumPolicy></releases>
                          <snapshots><enabled>false</enabled></snapshots>
                        </pluginRepository>
                      </pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles>
                    <activeProfile>user-repository</activeProfile>
                  </activeProfiles>
                </settings>
                """.formatted(userRepo), StandardCharsets.UTF_8);
        return c;
    }

    private static void copy(Path from, Path to) throws IOException {
        if (!Files.isRegularFile(from)) {
            throw new IllegalStateException("'" + from + "' does not exist: run the example test through "
                    + "'mvn verify', which packages the library first");
        }
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String required(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("system property '" + name + "' is not set: the example test runs "
                    + "in the failsafe executions of pom.xml, which set it");
        }
        return v;
    }

    /** The repository's root directory. */
    Path root() {
        return root;
    }

    /** {@code examples/liberty-app}. */
    Path example() {
        return example;
    }

    /** Where the log files go. */
    Path work() {
        return work;
    }

    /**
     * Starts {@code mvn -f examples/liberty-app/pom.xml <args>} with the test's local repository;
     * offline when the outer build is.
     */
    Process mvn(String logName, Map<String, String> env, String... args) throws IOException {
        String home = System.getProperty("it.maven.home");
        List<String> cmd = new ArrayList<>();
        cmd.add(home == null || home.isBlank() ? "mvn" : Path.of(home, "bin", "mvn").toString());
        cmd.addAll(List.of("-B", "-s", work.resolve("settings.xml").toString(),
                "-Dmaven.repo.local=" + work.resolve("repo"), "-f", example.resolve("pom.xml").toString()));
        if (Boolean.getBoolean("it.maven.offline")) {
            // offline, but the user's local repository (a file: repository here) stays reachable
            cmd.addAll(List.of("-o", "-Daether.offline.protocols=file"));
        }
        cmd.addAll(List.of(args));
        return start(logName, env, cmd);
    }

    /** Starts a command in the repository's root directory, output and errors into one log file. */
    Process start(String logName, Map<String, String> env, List<String> command) throws IOException {
        Path log = log(logName);
        Files.writeString(log, "$ " + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Runs a command to its end and fails, pointing at its log, unless it exits with 0. */
    void run(Process p, String logName, Duration timeout) throws InterruptedException {
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            destroyTree(p);
            throw new AssertionError("'" + logName + "' still running after " + timeout + "; see " + log(logName));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("'" + logName + "' exited with " + p.exitValue() + "; see " + log(logName));
        }
    }

    /** The log file of a command. */
    Path log(String logName) {
        return work.resolve(logName + ".log");
    }

    /** The log file's text so far. */
    String output(String logName) {
        try {
            return Files.readString(log(logName), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until the log contains {@code text}; fails when the process ends first or the timeout
     * passes.
     */
    void awaitOutput(Process p, String logName, String text, Duration timeout) throws Exception {
        BatchAwait.until("'" + text + "' in " + log(logName), () -> {
            if (output(logName).contains(text)) {
                return true;
            }
            if (!p.isAlive()) {
                throw new AssertionError("'" + logName + "' exited with " + p.exitValue() + " before printing '"
                        + text + "'; see " + log(logName));
            }
            return false;
        }, timeout);
    }

    /**
     * Ends a process as Ctrl-C would (SIGTERM: the JVM runs its shutdown hooks) and waits for it;
     * returns its exit value.
     */
    static int interrupt(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            destroyTree(p);
            throw new AssertionError("process " + p.pid() + " did not end within " + STOP_TIMEOUT + " of SIGTERM");
        }
        return p.exitValue();
    }

    /** Last resort after a failure: ends the process and every process it started. */
    static void destroyTree(Process p) {
        if (p != null && p.isAlive()) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /** A TCP port that is free on 127.0.0.1 right now. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
