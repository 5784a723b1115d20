package dev.cloudtask.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The token bucket: burst, average rate, refill, pause, and bad settings. */
class RateLimiterTest {
    private static final long S = 1_000_000_000L;

    @Test
    void reserve_burstThenRate_delaysGrowByOnePeriod() {
        RateLimiter l = new RateLimiter(4, 2);
        assertEquals(0, l.reserve("k", 0));
        assertEquals(0, l.reserve("k", 0));
        assertEquals(S / 4, l.reserve("k", 0));
        assertEquals(S / 2, l.reserve("k", 0));
    }

    @Test
    void reserve_afterIdleTime_burstIsAvailableAgain() {
        RateLimiter l = new RateLimiter(4, 2);
        for (int i = 0; i < 4; i++) {
            l.reserve("k", 0);
        }
        assertEquals(0, l.reserve("k", 10 * S));
        assertEquals(0, l.reserve("k", 10 * S));
        assertTrue(l.reserve("k", 10 * S) > 0);
    }

    @Test
    void reserve_differentKeys_independent() {
        RateLimiter l = new RateLimiter(1, 1);
        assertEquals(0, l.reserve("a", 0));
        assertEquals(0, l.reserve("b", 0));
        assertEquals(S, l.reserve("a", 0));
    }

    @Test
    void pauseUntil_retryAfter_nextRequestNotBeforeThen() {
        RateLimiter l = new RateLimiter(10, 5);
        l.pauseUntil("k", 3 * S);
        assertEquals(3 * S, l.reserve("k", 0));
        assertEquals(0, l.reserve("other", 0));
    }

    @Test
    void disabled_zeroRate_neverDelays() {
        RateLimiter l = new RateLimiter(0, 0);
        for (int i = 0; i < 1000; i++) {
            assertEquals(0, l.reserve("k", 0));
        }
    }

    @Test
    void constructor_badValues_rejectedNamingThem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RateLimiter(Double.NaN, 1))
                .getMessage().contains("requestsPerSecond 'NaN'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RateLimiter(1, 0))
                .getMessage().contains("burst '0'"));
    }
}
