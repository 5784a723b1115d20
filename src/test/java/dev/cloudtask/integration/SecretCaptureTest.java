package dev.cloudtask.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskStatusSource;
import dev.cloudtask.auth.CloudAuth;
import dev.cloudtask.client.RestTaskStatusSource;
import dev.cloudtask.testkit.SimAuthMode;
import dev.cloudtask.testkit.CloudSimulator;
import dev.cloudtask.testkit.Timeline;
import dev.cloudtask.testkit.VirtualClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The secret check over the simulator: polls with every authentication mode, through success,
 * expiry with renewal, and wrong credentials, while every {@code java.util.logging} record at every
 * level (the library's, the simulator's, RESTEasy's, the JDK's) and the full text of every exception
 * (with causes and stack traces) is captured. No password, SK, token or session cookie value may
 * appear in any of it.
 *
 * <p>Not checked, as the authentication page explains: the Apache HTTP client's own wire and header dumps
 * ({@code org.apache.http.wire}, {@code org.apache.http.headers}), which print every header by design,
 * and CAS service tickets ({@code ST-...}), which travel in the login URL by protocol design.
 */
class SecretCaptureTest {
    private static final List<String> EXCLUDED_LOGGERS = List.of("org.apache.http.wire", "org.apache.http.headers");

    private final VirtualClock clock = VirtualClock.create();
    private final List<String> captured = new CopyOnWriteArrayList<>();
    private final AuthWiring.HeaderRecorder sent = new AuthWiring.HeaderRecorder();
    private final Handler handler = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
            String name = r.getLoggerName() == null ? "" : r.getLoggerName();
            if (EXCLUDED_LOGGERS.stream().anyMatch(name::startsWith)) {
                return;
            }
            StringBuilder sb = new StringBuilder(name).append(' ').append(r.getLevel()).append(' ')
                    .append(formatter.formatMessage(r));
            if (r.getParameters() != null) {
                for (Object p : r.getParameters()) {
                    sb.append(" | ").append(p);
                }
            }
            if (r.getThrown() != null) {
                sb.append('\n').append(text(r.getThrown()));
            }
            captured.add(sb.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level rootLevel;
    private CloudSimulator sim;

    @BeforeEach
    void start() {
        Logger root = Logger.getLogger("");
        rootLevel = root.getLevel();
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(Level.ALL);
        sim = CloudSimulator.builder().clock(clock).auth(SimAuthMode.IAM_TOKEN_OR_AKSK).managerSessionRequired(true)
                .tokenLifetime(Duration.ofHours(1)).sessionLifetime(Duration.ofMinutes(10)).start();
    }

    @AfterEach
    void stop() {
        sim.close();
        Logger root = Logger.getLogger("");
        root.removeHandler(handler);
        root.setLevel(rootLevel);
    }

    private static String text(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return t + "\n" + w;
    }

    /** Runs a poll or a refresh; whatever it throws or fails with is captured as text. */
    private void capture(Supplier<?> action) {
        try {
            Object result = action.get();
            captured.add(String.valueOf(result));
        } catch (RuntimeException | AssertionError e) {
            captured.add(text(e.getCause() != null ? e.getCause() : e));
            captured.add(text(e));
        }
    }

    private void poll(TaskStatusSource source, TaskRef ref) {
        capture(() -> {
            try {
                return source.fetch(ref).toCompletableFuture().get(Polls.POLL_LIMIT.toSeconds(),
                        java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                captured.add(text(e.getCause()));
                return e.getCause().getMessage();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    private void refresh(TaskStatusSource source, TaskRef ref) {
        capture(() -> source.refreshCredentials(ref));
    }

    private RestTaskStatusSource source(Map<String, String> config) {
        CloudAuth auth = AuthWiring.auth(config, clock);
        captured.add(String.valueOf(auth));
        return AuthWiring.source(sim, auth, sent);
    }

    /** Success, expiry (lifetime and revocation) with renewal, for one source and one task. */
    private void lifecycle(RestTaskStatusSource source, TaskRef ref) {
        poll(source, ref);
        clock.advance(Duration.ofMinutes(70));
        poll(source, ref);
        refresh(source, ref);
        poll(source, ref);
        sim.expireTokens();
        sim.expireSessions();
        clock.advance(Duration.ofSeconds(30));
        poll(source, ref);
        refresh(source, ref);
        poll(source, ref);
    }

    @Test
    void everyAuthMode_successExpiryAndWrongCredentials_noSecretInLogsOrExceptions() {
        List<String> secrets = new ArrayList<>(AuthWiring.fixedSecrets(sim));
        String wrongIam = "wrong-iam-password-7731";
        String wrongSk = "wrong-secret-key-7731";
        String wrongManager = "Wrong@Manager7731";
        secrets.addAll(List.of(wrongIam, wrongSk, wrongManager));

        TaskRef cce = sim.createTask(CloudService.CCE, Timeline.builder().duration(Duration.ofHours(5)).build());
        TaskRef dcs = sim.createTask(CloudService.DCS, Timeline.builder().duration(Duration.ofHours(5)).build());
        TaskRef dws = sim.createTask(CloudService.DWS, Timeline.builder().duration(Duration.ofHours(5)).build());
        TaskRef mrs = sim.createTask(CloudService.MRS, Timeline.builder().duration(Duration.ofHours(5)).build());

        // none: the gateway refuses, nothing secret exists, but the path must still be clean
        RestTaskStatusSource none = source(Map.of());
        poll(none, cce);
        // static token
        String staticToken = sim.issueToken();
        secrets.add(staticToken);
        lifecycle(source(Map.of("cloudtask.dws.auth", "token", "cloudtask.dws.token", staticToken)), dws);
        // IAM
        RestTaskStatusSource iam = source(AuthWiring.iam(sim, sim.credentials().iamPassword()));
        lifecycle(iam, cce);
        lifecycle(iam, dcs);
        RestTaskStatusSource badIam = source(AuthWiring.iam(sim, wrongIam));
        poll(badIam, dws);
        refresh(badIam, dws);
        poll(badIam, dws);
        // AK/SK
        lifecycle(source(AuthWiring.aksk(sim, sim.credentials().secretKey())), dcs);
        poll(source(AuthWiring.aksk(sim, wrongSk)), cce);
        // MRS direct and CAS
        for (String login : List.of("direct", "cas")) {
            lifecycle(source(AuthWiring.mrs(sim, login, sim.credentials().managerPassword())), mrs);
            RestTaskStatusSource bad = source(AuthWiring.mrs(sim, login, wrongManager));
            poll(bad, mrs);
            refresh(bad, mrs);
        }
        sim.journal().entries().forEach(e -> captured.add(e.toString()));
        captured.add(sim.toString());

        // every credential that actually went out
        Set<String> issued = new TreeSet<>();
        for (AuthWiring.HeaderRecorder.Sent s : sent.sent) {
            if (s.token() != null) {
                issued.add(s.token());
            }
            if (s.authorization() != null) {
                issued.add(s.authorization().replaceAll(".*Signature=", ""));
            }
            if (s.cookie() != null) {
                for (String part : s.cookie().split(";")) {
                    int eq = part.indexOf('=');
                    if (eq > 0) {
                        issued.add(part.substring(eq + 1).trim());
                    }
                }
            }
        }
        assertTrue(issued.size() >= 6, "tokens, signatures and session ids were captured: " + issued.size());
        secrets.addAll(issued);

        String all = String.join("\n", captured);
        writeForReview(all);
        assertTrue(captured.size() > 40, "logging was captured: " + captured.size());
        assertTrue(all.contains("refused"), "the wrong-password errors are part of what was checked");
        Map<String, Integer> leaks = new HashMap<>();
        for (String secret : secrets) {
            int hits = count(all, secret);
            if (hits > 0) {
                leaks.put(mask(secret), hits);
            }
        }
        // every IAM token the simulator issues starts with MIIsim, every CAS ticket-granting ticket with TGT-
        for (String prefix : List.of("MIIsim", "TGT-")) {
            int hits = count(all, prefix);
            if (hits > 0) {
                leaks.put(prefix + "...", hits);
            }
        }
        assertEquals(Map.of(), leaks, "secrets found in logs or exception texts; first lines:\n"
                + captured.stream().filter(l -> secretsIn(l, secrets)).limit(5).toList());
        assertFalse(all.isEmpty());
    }

    /** Keeps what was checked in target/ for a reader (it holds no secret, as asserted below). */
    private static void writeForReview(String all) {
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "secret-capture.log"), all);
        } catch (java.io.IOException e) {
            // only a convenience
        }
    }

    private static boolean secretsIn(String line, List<String> secrets) {
        return secrets.stream().anyMatch(line::contains) || line.contains("MIIsim") || line.contains("TGT-");
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static String mask(String secret) {
        return secret.length() <= 4 ? "****" : secret.substring(0, 4) + "****(" + secret.length() + ")";
    }
}
