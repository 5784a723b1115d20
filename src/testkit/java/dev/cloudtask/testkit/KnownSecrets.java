package dev.cloudtask.testkit;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every secret value the test suite knows of: the simulator's credentials, every token, CAS ticket and
 * Manager session id the simulator issues (registered as they are made), and whatever a test registers.
 * The suite-wide log guard ({@code dev.cloudtask.reliability.SecretLeakGuard}) fails a test whose log
 * output contains any of them.
 */
public final class KnownSecrets {
    private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();

    static {
        SimCredentials c = SimCredentials.DEFAULTS;
        register(c.iamPassword());
        register(c.secretKey());
        register(c.managerPassword());
    }

    private KnownSecrets() {
    }

    /** Adds a secret; values shorter than 8 characters are ignored (too likely to occur by chance). */
    public static void register(String secret) {
        if (secret != null && secret.length() >= 8) {
            VALUES.add(secret);
        }
    }

    /** A snapshot of the known secrets. */
    public static List<String> all() {
        return List.copyOf(VALUES);
    }

    /** The secrets {@code text} contains, each shown only by its first 4 characters. */
    public static List<String> foundIn(String text) {
        return VALUES.stream().filter(text::contains).map(s -> s.substring(0, 4) + "...").toList();
    }
}
