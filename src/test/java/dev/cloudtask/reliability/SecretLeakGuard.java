package dev.cloudtask.reliability;

import dev.cloudtask.testkit.KnownSecrets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Suite-wide secret guard, registered for every test class through JUnit's extension auto-detection
 * ({@code junit-platform.properties} + {@code META-INF/services/org.junit.jupiter.api.extension.Extension}).
 *
 * <p>One {@link Handler} on the root logger sees every java.util.logging record of the whole run (all
 * levels for {@code dev.cloudtask.*}, which this guard sets to ALL; the configured level elsewhere),
 * formats it with its parameters and stack trace, and checks it against {@link KnownSecrets}: the
 * simulator's credentials and every token, ticket and session it issued, plus the auth tests' password,
 * SK and token constants. A match is recorded; the test (or class, for {@code @BeforeAll}/{@code @AfterAll}
 * logging) during which it happened then fails, naming the logger and the secret's first 4 characters.
 * The HTTP libraries' own header dumps ({@code org.apache.http.wire}, {@code org.apache.http.headers},
 * {@code jdk.internal.httpclient.*}) are skipped, as in {@code SecretLeakTest}. Cost: one format and a few
 * dozen {@code contains} calls per record; deterministic, no sampling.
 */
public final class SecretLeakGuard implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback {
    /** Auth test constants (package-private there), read by reflection so they cannot drift. */
    private static final String[][] AUTH_CONSTANTS = {
            {"dev.cloudtask.auth.IamStub", "PASSWORD"},
            {"dev.cloudtask.auth.SigningStub", "SK"},
            {"dev.cloudtask.auth.MrsStub", "PASSWORD"},
            {"dev.cloudtask.auth.TestCerts", "STORE_PASSWORD"},
            {"dev.cloudtask.auth.TestCerts", "TRUST_PASSWORD"},
            {"dev.cloudtask.auth.SecretLeakTest", "STATIC_TOKEN"},
            {"dev.cloudtask.auth.SecretLeakTest", "SECURITY_TOKEN"},
            {"dev.cloudtask.auth.SecretLeakTest", "WRONG_PASSWORD"}};

    private static final Capture CAPTURE = new Capture();
    private static final Logger LIBRARY = Logger.getLogger("dev.cloudtask");

    static {
        for (String[] c : AUTH_CONSTANTS) {
            KnownSecrets.register(constant(c[0], c[1]));
        }
        Logger.getLogger("").addHandler(CAPTURE);
    }

    private static String constant(String className, String field) {
        try {
            Field f = Class.forName(className).getDeclaredField(field);
            f.setAccessible(true);
            return (String) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("SecretLeakGuard: secret constant " + className + "." + field
                    + " is gone; update AUTH_CONSTANTS", e);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        LIBRARY.setLevel(Level.ALL);
        check("before " + context.getDisplayName());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        LIBRARY.setLevel(Level.ALL);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        check(context.getDisplayName());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        check(context.getDisplayName());
    }

    private static void check(String where) {
        List<String> leaks = drain();
        if (!leaks.isEmpty()) {
            throw new AssertionError("secret(s) in log output during " + where + ": " + leaks);
        }
    }

    /** The leaks seen since the last call, and forgets them (also for the guard's own test). */
    static List<String> drain() {
        synchronized (CAPTURE.leaks) {
            List<String> out = new ArrayList<>(CAPTURE.leaks);
            CAPTURE.leaks.clear();
            return out;
        }
    }

    /** Whether the handler is installed on the root logger. */
    static boolean installed() {
        for (Handler h : Logger.getLogger("").getHandlers()) {
            if (h == CAPTURE) {
                return true;
            }
        }
        return false;
    }

    private static final class Capture extends Handler {
        private final SimpleFormatter format = new SimpleFormatter();
        final List<String> leaks = new ArrayList<>();

        Capture() {
            setLevel(Level.ALL);
        }

        @Override
        public void publish(LogRecord r) {
            String logger = r.getLoggerName();
            if (logger != null && (logger.startsWith("org.apache.http.wire") || logger.startsWith("org.apache.http.headers")
                    || logger.startsWith("jdk.internal.httpclient"))) {
                return;
            }
            String text;
            try {
                text = format.format(r);
                if (r.getThrown() != null) {
                    StringWriter w = new StringWriter();
                    r.getThrown().printStackTrace(new PrintWriter(w));
                    text = text + w;
                }
            } catch (RuntimeException e) {
                text = String.valueOf(r.getMessage());
            }
            List<String> found = KnownSecrets.foundIn(text);
            if (!found.isEmpty()) {
                synchronized (leaks) {
                    leaks.add(r.getLevel() + " " + logger + ": " + found);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
