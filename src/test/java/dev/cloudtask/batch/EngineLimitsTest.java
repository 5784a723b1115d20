package dev.cloudtask.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.CloudTaskAwaiter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * The engine limits from MicroProfile Config: per service beats global beats default; bad values
 * fail the waits of the services that would use them and are reported at start.
 */
class EngineLimitsTest {
    private static final String SOURCE = "test-source";

    private static ConfigLayer config(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return ConfigLayer.of(m, SOURCE);
    }

    @Test
    void of_nothingSet_engineDefaults() {
        EngineLimits.ServiceLimits l = EngineLimits.of(ConfigLayer.NONE, CloudService.DWS);
        assertEquals(CloudTaskAwaiter.Builder.DEFAULT_REQUESTS_PER_SECOND, l.rateLimit().value());
        assertEquals(CloudTaskAwaiter.Builder.DEFAULT_BURST, l.burst().value());
        assertEquals(CloudTaskAwaiter.Builder.DEFAULT_REQUEST_TIMEOUT, l.requestTimeout().value());
        assertEquals(CloudTaskAwaiter.Builder.DEFAULT_POOL_THREADS, EngineLimits.schedulerThreads(ConfigLayer.NONE).value());
    }

    @Test
    void of_serviceAndGlobalKeys_serviceKeyWinsForItsServiceOnly() {
        ConfigLayer c = config("cloudtask.dws.rate-limit", "2", "cloudtask.rate-limit", "5",
                "cloudtask.dws.request-timeout", "PT45S", "cloudtask.request-timeout", "20s",
                "cloudtask.dws.burst", "3", "cloudtask.burst", "4");
        EngineLimits.ServiceLimits dws = EngineLimits.of(c, CloudService.DWS);
        EngineLimits.ServiceLimits cce = EngineLimits.of(c, CloudService.CCE);
        assertEquals(2.0, dws.rateLimit().value());
        assertEquals(3, dws.burst().value());
        assertEquals(Duration.ofSeconds(45), dws.requestTimeout().value());
        assertEquals("rate-limit=2 (MicroProfile Config cloudtask.dws.rate-limit)", dws.rateLimit().describe());
        assertEquals(5.0, cce.rateLimit().value());
        assertEquals(4, cce.burst().value());
        assertEquals(Duration.ofSeconds(20), cce.requestTimeout().value());
        assertEquals(Origin.Layer.GLOBAL_CONFIG, cce.rateLimit().origin().layer());
    }

    @Test
    void of_rateLimitAlone_keepsTheDefaultBurst() {
        EngineLimits.ServiceLimits l = EngineLimits.of(config("cloudtask.rate-limit", "1.5"), CloudService.MRS);
        assertEquals(1.5, l.rateLimit().value());
        assertEquals(CloudTaskAwaiter.Builder.DEFAULT_BURST, l.burst().value());
        assertEquals(Origin.Layer.DEFAULT, l.burst().origin().layer());
    }

    @Test
    void of_badGlobalRateShadowedForDws_onlyOtherServicesFail() {
        ConfigLayer c = config("cloudtask.rate-limit", "fast", "cloudtask.dws.rate-limit", "3");
        assertEquals(3.0, EngineLimits.of(c, CloudService.DWS).rateLimit().value());
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class,
                () -> EngineLimits.of(c, CloudService.CCE));
        assertEquals("rate-limit", e.property());
        assertEquals("MicroProfile Config key 'cloudtask.rate-limit' (config source test-source) has value 'fast':"
                + " is not a number of requests per second (0 or more)", e.getMessage());
    }

    @Test
    void of_badValues_eachNamedWithKeyAndValue() {
        assertEquals("MicroProfile Config key 'cloudtask.cce.burst' (config source test-source) has value '0':"
                + " must be at least 1", assertThrows(InvalidPropertyException.class,
                        () -> EngineLimits.of(config("cloudtask.cce.burst", "0"), CloudService.CCE)).getMessage());
        assertEquals("MicroProfile Config key 'cloudtask.request-timeout' (config source test-source) has value '0s':"
                + " must be longer than zero", assertThrows(InvalidPropertyException.class,
                        () -> EngineLimits.of(config("cloudtask.request-timeout", "0s"), CloudService.CCE)).getMessage());
        assertEquals("MicroProfile Config key 'cloudtask.scheduler-threads' (config source test-source) has value"
                + " 'two': is not a whole number, at least 1", assertThrows(InvalidPropertyException.class,
                        () -> EngineLimits.schedulerThreads(config("cloudtask.scheduler-threads", "two"))).getMessage());
    }

    @Test
    void create_limitsConfigured_engineBuiltAndNonDefaultsListed() {
        ConfigLayer c = config("cloudtask.dws.rate-limit", "2", "cloudtask.scheduler-threads", "3");
        CloudTaskAwaiter.Builder b = CloudTaskAwaiter.builder(ref -> new CompletableFuture<>());
        List<String> set = EngineLimits.apply(b, c);
        assertEquals(List.of("dws rate-limit=2 (MicroProfile Config cloudtask.dws.rate-limit)",
                "scheduler-threads=3 (MicroProfile Config cloudtask.scheduler-threads)"), set);
        try (CloudTaskAwaiter engine = CloudTaskAwaiterProducer.create(ref -> new CompletableFuture<>(), c)) {
            assertEquals(0, engine.activeWaits());
        }
    }

    @Test
    void report_badKeysInEveryKind_oneSevereLineEachNamingKeySourceAndValue() {
        ConfigLayer c = config("cloudtask.await.timeout", "soon", "cloudtask.mrs.burst", "-2",
                "cloudtask.dws.await.mode", "some", "cloudtask.rate-limit", "2");
        try (LogCapture log = new LogCapture()) {
            List<String> problems = ConfigurationCheck.report(c);
            assertEquals(3, problems.size(), problems.toString());
            List<String> severe = log.messages(Level.SEVERE);
            assertEquals(3, severe.size(), severe.toString());
            assertTrue(severe.stream().anyMatch(m -> m.contains("'cloudtask.await.timeout' (config source test-source)"
                    + " has value 'soon'")), severe.toString());
            assertTrue(severe.stream().anyMatch(m -> m.contains("'cloudtask.mrs.burst'") && m.contains("'-2'")),
                    severe.toString());
            assertTrue(severe.stream().anyMatch(m -> m.contains("'cloudtask.dws.await.mode'") && m.contains("'some'")),
                    severe.toString());
        }
    }

    @Test
    void report_nothingWrong_logsNothing() {
        try (LogCapture log = new LogCapture()) {
            assertEquals(List.of(), ConfigurationCheck.report(config("cloudtask.await.timeout", "2h",
                    "cloudtask.dws.rate-limit", "0")));
            assertEquals(List.of(), log.messages(Level.SEVERE));
        }
    }
}
