package dev.cloudtask.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The token bucket: burst, average rate, refill, pause, bad settings, and its rate adapting to 429s (virtual time). */
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

    @Test
    void throttled_lowersTheRateByTheDecreaseFactor_slotsSpreadOut() {
        RateLimiter l = new RateLimiter(10, 1);
        assertEquals(10.0, l.rate("k", 0), 1e-9);
        assertTrue(l.throttled("k", 0));
        assertEquals(10.0 * RateLimiter.DECREASE_FACTOR, l.rate("k", 0), 1e-9);
        assertEquals(0, l.reserve("k", 0));
        assertEquals((long) (1e9 / 7.0), l.reserve("k", 0), 2);
        assertEquals(10.0, l.rate("other", 0), 1e-9, "other keys keep their rate");
    }

    @Test
    void throttled_againWithinTheCoolDown_lowersOnce() {
        RateLimiter l = new RateLimiter(10, 1);
        assertTrue(l.throttled("k", 0));
        assertFalse(l.throttled("k", S / 2), "answers to requests already under way");
        double before = l.rate("k", S + 1);
        assertTrue(l.throttled("k", S + 1));
        assertEquals(before * RateLimiter.DECREASE_FACTOR, l.rate("k", S + 1), 1e-6);
    }

    @Test
    void rate_afterA429_growsLinearlyByTheIncreaseOfItsPartPerSecond_upToTheCeiling() {
        RateLimiter l = new RateLimiter(10, 1);
        l.throttled("k", 0); // part 10 before, 7 after
        assertEquals(7 + 10 * RateLimiter.INCREASE_PER_SECOND * 100, l.rate("k", 100 * S), 1e-9);
        assertEquals(7 + 10 * RateLimiter.INCREASE_PER_SECOND * 200, l.rate("k", 200 * S), 1e-9);
        assertEquals(10.0, l.rate("k", 100_000 * S), 1e-9, "never above the configured rate");
    }

    @Test
    void rate_cutAgain_growsAtAboutThePaceItHad_soSmallerPartsCatchUp() {
        RateLimiter l = new RateLimiter(10, 1);
        l.throttled("a", 0);
        l.throttled("b", 0);
        l.throttled("b", 2 * S); // b is now below a, but grows by about as much a second
        double a = l.rate("a", 102 * S) - l.rate("a", 2 * S);
        double b = l.rate("b", 102 * S) - l.rate("b", 2 * S);
        assertTrue(l.rate("b", 2 * S) < 0.8 * l.rate("a", 2 * S));
        assertTrue(b > 0.97 * a && b <= a, "growth of the part cut twice " + b + ", of the part cut once " + a);
    }

    @Test
    void throttled_manyTimes_neverBelowTheFloor() {
        RateLimiter l = new RateLimiter(10, 1);
        for (int i = 0; i < 200; i++) {
            l.throttled("k", i * 25 * S); // each 429 before the rate has climbed back
        }
        assertEquals(10 * RateLimiter.MIN_RATE_FRACTION, l.rate("k", 199 * 25 * S), 1e-3);
    }

    @Test
    void throttled_withSeveralWaits_cutsOnlyOneWaitsPart() {
        RateLimiter l = tenPerSecondWithWaits(4);
        assertTrue(l.throttled("k", 0));
        assertEquals(10 * (1 - (1 - RateLimiter.DECREASE_FACTOR) / 4), l.rate("k", 0), 1e-9);
    }

    @Test
    void rate_afterA429_followsTheNumberOfWaits() {
        RateLimiter l = tenPerSecondWithWaits(4);
        l.throttled("k", 0); // 10 / 4 = 2.5 per wait before, 2.3125 after
        double four = l.rate("k", 0);
        l.leave("k");
        assertEquals(four * 3 / 4, l.rate("k", 0), 1e-9, "an ended wait takes its part along");
        l.join("k");
        assertEquals(four, l.rate("k", 0), 1e-9, "a new wait brings its part");
        for (int i = 0; i < 10; i++) {
            l.join("k");
        }
        assertEquals(10.0, l.rate("k", 0), 1e-9, "never above the configured rate");
    }

    @Test
    void throttled_withSeveralWaits_coolDownIsShared() {
        RateLimiter l = tenPerSecondWithWaits(4);
        assertTrue(l.throttled("k", 0));
        assertFalse(l.throttled("k", S / 10), "within a quarter of the cool-down");
        assertTrue(l.throttled("k", S / 3), "four waits take up to four cuts a cool-down");
    }

    @Test
    void throttled_afterSendingBelowItsRate_cutsFromWhatItSent() {
        RateLimiter l = new RateLimiter(10, 1);
        for (int i = 0; i < 60; i++) {
            assertEquals(0, l.reserve("k", i * S), "one request a second never waits");
        }
        l.throttled("k", 60 * S);
        double rate = l.rate("k", 60 * S);
        assertTrue(rate > 0.6 && rate < 0.8, "about 0.7 x the 1 request/s it sent, not 7: " + rate);
    }

    @Test
    void throttled_whileRequestsWaitForSlots_cutsFromTheRate() {
        RateLimiter l = new RateLimiter(10, 1);
        l.throttled("k", 0);
        for (int i = 0; i < 20; i++) {
            l.reserve("k", 2 * S); // a queue: the key sends at its rate
        }
        double before = l.rate("k", 2 * S);
        assertTrue(l.throttled("k", 2 * S));
        assertEquals(before * RateLimiter.DECREASE_FACTOR, l.rate("k", 2 * S), 1e-6);
    }

    @Test
    void throttled_noLimitConfigured_staysOff() {
        RateLimiter l = new RateLimiter(0, 0);
        assertFalse(l.throttled("k", 0));
        assertEquals(0, l.reserve("k", 0));
    }

    /** What engines sending to one service-side bucket achieved: answers per engine in the last hour, requests, 429s. */
    private record Shared(long[] lastHourOk, long sent, long throttled) {
    }

    /**
     * The engines send as fast as their limiters let them, for six hours of virtual time, to one
     * service-side token bucket ({@code limit} requests/s, burst 5) that answers 429 with Retry-After: 1 s.
     */
    private static Shared sendToOneBucket(RateLimiter[] engines, double limit) {
        int n = engines.length;
        long[] next = new long[n];
        long[] lastHourOk = new long[n];
        long throttled = 0;
        long sent = 0;
        for (int i = 0; i < n; i++) {
            next[i] = i;
        }
        double tokens = 5;
        long last = 0;
        long end = 6 * 3600 * S;
        while (true) {
            int i = 0;
            for (int j = 1; j < n; j++) {
                if (next[j] < next[i]) {
                    i = j;
                }
            }
            long now = next[i];
            if (now > end) {
                break;
            }
            tokens = Math.min(5, tokens + (now - last) / 1e9 * limit);
            last = now;
            sent++;
            if (tokens >= 1) {
                tokens -= 1;
                if (now > end - 3600 * S) {
                    lastHourOk[i]++;
                }
            } else {
                throttled++;
                engines[i].throttled("k", now);
                engines[i].pauseUntil("k", now + S);
            }
            next[i] = now + Math.max(1000, engines[i].reserve("k", now));
        }
        return new Shared(lastHourOk, sent, throttled);
    }

    /**
     * Four engines, each configured with the whole limit, share one service-side limit: within six
     * hours of virtual time they settle on a quarter each (over the last hour), with few 429s.
     */
    @Test
    void enginesSharingOneServiceLimit_convergeOnFairSharesWithFew429s() {
        double limit = 10;
        int n = 4;
        RateLimiter[] engines = new RateLimiter[n];
        for (int i = 0; i < n; i++) {
            engines[i] = new RateLimiter(limit, 5);
        }
        Shared r = sendToOneBucket(engines, limit);
        double sum = 0;
        double squares = 0;
        for (long x : r.lastHourOk()) {
            sum += x;
            squares += (double) x * x;
        }
        double jain = sum * sum / (n * squares);
        assertTrue(jain >= 0.95, "Jain's fairness index over the last hour " + jain + ": "
                + java.util.Arrays.toString(r.lastHourOk()));
        assertTrue(sum >= 0.9 * limit * 3600, "achieved " + sum / 3600 + " requests/s of " + limit);
        assertTrue(r.throttled() <= 0.02 * r.sent(), r.throttled() + " 429s of " + r.sent() + " requests");
    }

    /**
     * Two engines with one and three waits, each configured with the whole limit, share one
     * service-side limit: within hours the shares follow the waits, so a wait is polled about as
     * often on either engine.
     */
    @Test
    void enginesWithMoreWaits_getAProportionalShare() {
        double limit = 10;
        int[] waits = {1, 3};
        RateLimiter[] engines = new RateLimiter[waits.length];
        for (int i = 0; i < waits.length; i++) {
            engines[i] = new RateLimiter(limit, 5);
            for (int w = 0; w < waits[i]; w++) {
                engines[i].join("k");
            }
        }
        Shared r = sendToOneBucket(engines, limit);
        long[] ok = r.lastHourOk();
        double perWaitOne = ok[0];
        double perWaitThree = ok[1] / 3.0;
        assertTrue(perWaitThree > 0.75 * perWaitOne && perWaitThree < 1.33 * perWaitOne,
                "answered per wait in the last hour: " + perWaitOne + " (engine of 1 wait), " + perWaitThree + " (engine of 3)");
        assertTrue(ok[0] + ok[1] >= 0.9 * limit * 3600, "achieved " + (ok[0] + ok[1]) / 3600.0 + " requests/s of " + limit);
        assertTrue(r.throttled() <= 0.02 * r.sent(), r.throttled() + " 429s of " + r.sent() + " requests");
    }

    /** A limiter of 10 requests/s (burst 1) with {@code waits} waits joined on key "k". */
    private static RateLimiter tenPerSecondWithWaits(int waits) {
        RateLimiter l = new RateLimiter(10, 1);
        for (int i = 0; i < waits; i++) {
            l.join("k");
        }
        return l;
    }
}
