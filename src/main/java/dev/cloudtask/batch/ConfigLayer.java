package dev.cloudtask.batch;

import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;

/**
 * The MicroProfile Config layers of the precedence, read through one small interface so the rules
 * are tested without a config implementation.
 */
@FunctionalInterface
interface ConfigLayer {

    /**
     * A configured value.
     *
     * @param key the key
     * @param value the value as configured, not blank
     * @param sourceName the config source that holds it (e.g. {@code server.xml}), or null
     */
    record Entry(String key, String value, String sourceName) {
    }

    /** The value of {@code key}; empty when it is not set or blank (a blank value falls through). */
    Optional<Entry> get(String key);

    /** No configuration at all. */
    ConfigLayer NONE = key -> Optional.empty();

    /**
     * The application's MicroProfile Config ({@link ConfigProvider#getConfig()}, read at each call so a
     * changed value is seen by the next wait), or {@link #NONE} when no implementation is present.
     */
    static ConfigLayer microProfile() {
        Config config;
        try {
            config = ConfigProvider.getConfig();
        } catch (RuntimeException | LinkageError e) {
            Logger.getLogger(ConfigLayer.class.getName()).log(Level.FINE,
                    "no MicroProfile Config implementation: cloudtask uses job XML and defaults only", e);
            return NONE;
        }
        return key -> {
            ConfigValue v = config.getConfigValue(key);
            String value = v == null ? null : v.getValue();
            return value == null || value.isBlank() ? Optional.empty()
                    : Optional.of(new Entry(key, value, v.getSourceName()));
        };
    }

    /** Fixed values, for tests: one config source called {@code sourceName}. */
    static ConfigLayer of(Map<String, String> values, String sourceName) {
        Map<String, String> copy = Map.copyOf(values);
        return key -> {
            String value = copy.get(key);
            return value == null || value.isBlank() ? Optional.empty()
                    : Optional.of(new Entry(key, value, sourceName));
        };
    }
}
