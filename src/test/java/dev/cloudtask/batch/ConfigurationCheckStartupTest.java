package dev.cloudtask.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.client.MutableConfigSource;
import java.util.List;
import java.util.logging.Level;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The startup check runs when a CDI container initializes the application scope. Strategy: start a
 * Weld SE container holding only {@link ConfigurationCheck}, with a bad value in MicroProfile Config,
 * and read the SEVERE lines it logged.
 */
class ConfigurationCheckStartupTest {
    private static final String KEY = "cloudtask.mrs.await.growth";

    @AfterEach
    void clear() {
        MutableConfigSource.remove(KEY);
    }

    @Test
    void containerStart_badKnobInConfig_oneSevereLineNamingKeySourceAndValue() {
        MutableConfigSource.put(KEY, "fast");
        try (LogCapture log = new LogCapture();
                WeldContainer container = new Weld("config-check").disableDiscovery()
                        .addBeanClass(ConfigurationCheck.class).initialize()) {
            List<String> severe = log.messages(Level.SEVERE);
            assertEquals(1, severe.size(), severe.toString());
            assertTrue(severe.get(0).startsWith("cloudtask configuration: MicroProfile Config key '" + KEY
                    + "' (config source cloudtask-test-mutable) has value 'fast': "), severe.get(0));
        }
    }

    @Test
    void containerStart_configWithoutCloudtaskKeys_nothingLogged() {
        try (LogCapture log = new LogCapture();
                WeldContainer container = new Weld("config-check-clean").disableDiscovery()
                        .addBeanClass(ConfigurationCheck.class).initialize()) {
            assertEquals(List.of(), log.messages(Level.SEVERE));
        }
    }
}
