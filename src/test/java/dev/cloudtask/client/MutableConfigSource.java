package dev.cloudtask.client;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * A MicroProfile Config source for tests whose values can be set while the JVM runs (SmallRye Config
 * snapshots system properties, and the loopback server's port is only known at test time). Empty
 * unless a test puts something in; each test removes what it put.
 */
public class MutableConfigSource implements ConfigSource {
    static final Map<String, String> VALUES = new ConcurrentHashMap<>();

    /** Sets {@code key} for this JVM until {@link #remove}. */
    public static void put(String key, String value) {
        VALUES.put(key, value);
    }

    /** Removes {@code key}. */
    public static void remove(String key) {
        VALUES.remove(key);
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.copyOf(VALUES.keySet());
    }

    @Override
    public String getValue(String propertyName) {
        return VALUES.get(propertyName);
    }

    @Override
    public String getName() {
        return "cloudtask-test-mutable";
    }

    @Override
    public int getOrdinal() {
        return 500;
    }
}
