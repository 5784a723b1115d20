package dev.cloudtask.it.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One OpenLiberty server of the cluster test, made from {@code server-config/} as shipped: its
 * directory under {@code wlp/usr/servers/} gets the {@code *.xml} files, a {@code bootstrap.properties}
 * with the member's variables, a {@code jvm.options} with the test run's MicroProfile Config, the TLS
 * keystore and the application in {@code dropins/}. It runs as a child process
 * ({@code bin/server run}), so the test can kill its JVM with SIGKILL.
 */
final class LibertyMember {

    private static final Logger LOG = Logger.getLogger(LibertyMember.class.getName());
    private static final Pattern PARTITION_LOG =
            Pattern.compile(".*/execution\\.(\\d+)/([^/]+)/(\\d+)/part\\.\\d+\\.log$");

    private final Path wlp;
    private final String name;
    private final int httpsPort;
    private Process process;

    LibertyMember(Path wlp, String name, int httpsPort) {
        this.wlp = wlp;
        this.name = name;
        this.httpsPort = httpsPort;
    }

    String name() {
        return name;
    }

    int httpsPort() {
        return httpsPort;
    }

    Path dir() {
        return wlp.resolve("usr/servers").resolve(name);
    }

    Path messagesLog() {
        return dir().resolve("logs/messages.log");
    }

    /** A fresh server directory: server-config/*.xml, variables, JVM options, keystore, application. */
    void create(Path serverConfig, Map<String, String> variables, List<String> jvmOptions, Path keystore, Path war)
            throws IOException {
        PostgresServer.deleteTree(dir());
        Files.createDirectories(dir().resolve("dropins"));
        Files.createDirectories(dir().resolve("resources/security"));
        try (Stream<Path> files = Files.list(serverConfig)) {
            for (Path xml : files.filter(p -> p.toString().endsWith(".xml")).toList()) {
                Files.copy(xml, dir().resolve(xml.getFileName()));
            }
        }
        StringBuilder bootstrap = new StringBuilder("# cluster test member " + name + "\n");
        new TreeMap<>(variables).forEach((k, v) -> bootstrap.append(k).append('=').append(v).append('\n'));
        Files.writeString(dir().resolve("bootstrap.properties"), bootstrap, StandardCharsets.ISO_8859_1);
        Files.write(dir().resolve("jvm.options"), jvmOptions);
        Files.copy(keystore, dir().resolve("resources/security/key.p12"));
        Files.copy(war, dir().resolve("dropins").resolve(war.getFileName()));
    }

    /** Starts the server and waits until it and the application are up. */
    void start(String application, Duration timeout) throws IOException, InterruptedException {
        if (Files.exists(messagesLog())) { // a restart: keep the log of the run before (Liberty would roll it over)
            Files.move(messagesLog(), messagesLog().resolveSibling("messages-until-" + Instant.now().toEpochMilli() + ".log"));
        }
        ProcessBuilder builder = new ProcessBuilder(wlp.resolve("bin/server").toString(), "run", name)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir().resolve("console-run.log").toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        process = builder.start();
        awaitLog("CWWKZ0001I.*" + Pattern.quote(application), timeout);
        awaitLog("CWWKF0011I", timeout);
        LOG.info(() -> "member " + name + " started, JVM pid " + jvmPid());
    }

    /** Waits until messages.log has a line matching {@code regex}. */
    void awaitLog(String regex, Duration timeout) throws IOException, InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("member " + name + " ended with exit status " + process.exitValue()
                        + " before its log showed '" + regex + "'; see " + dir().resolve("console-run.log"));
            }
            if (Files.exists(messagesLog())) {
                try (Stream<String> lines = Files.lines(messagesLog(), StandardCharsets.UTF_8)) {
                    if (lines.anyMatch(line -> pattern.matcher(line).find())) {
                        return;
                    }
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("member " + name + " did not log '" + regex + "' within " + timeout
                + "; see " + messagesLog());
    }

    /** The server's JVM: the {@code bin/server run} process or its java child. */
    long jvmPid() {
        return process.descendants().filter(h -> h.info().command().map(c -> c.endsWith("java")).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(process.pid());
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL to the server's JVM (and to the launcher script, if it is still there). */
    long kill() throws InterruptedException {
        long pid = jvmPid();
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        for (ProcessHandle handle : all) {
            handle.destroyForcibly();
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("member " + name + " (pid " + pid + ") still runs after SIGKILL");
        }
        LOG.info(() -> "member " + name + " killed (SIGKILL to pid " + pid + ")");
        return pid;
    }

    /** Ends the server normally ({@code bin/server stop}); kills it if that does not end it. */
    void stop() throws IOException, InterruptedException {
        if (!alive()) {
            return;
        }
        ProcessBuilder builder = new ProcessBuilder(wlp.resolve("bin/server").toString(), "stop", name)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir().resolve("console-stop.log").toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process stop = builder.start();
        stop.waitFor(90, TimeUnit.SECONDS);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    /**
     * The partition job logs this member wrote for one job execution: partition number to the log's
     * text, from {@code logs/joblogs/<job>/<date>/instance.<i>/execution.<e>/<step>/<partition>/part.<n>.log}.
     */
    Map<Integer, String> partitionLogs(long executionId, String step) throws IOException {
        Map<Integer, String> logs = new TreeMap<>();
        Path root = dir().resolve("logs/joblogs");
        if (!Files.isDirectory(root)) {
            return logs;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Matcher m = PARTITION_LOG.matcher(file.toString().replace('\\', '/'));
                if (m.matches() && Long.parseLong(m.group(1)) == executionId && m.group(2).equals(step)) {
                    logs.merge(Integer.parseInt(m.group(3)), Files.readString(file, StandardCharsets.UTF_8), String::concat);
                }
            }
        }
        return logs;
    }
}
