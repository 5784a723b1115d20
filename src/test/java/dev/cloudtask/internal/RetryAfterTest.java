package dev.cloudtask.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    static final Instant NOW = Instant.parse("2015-10-21T07:27:00Z");

    @Test
    void parse_seconds_isThatDelay() {
        assertEquals(Duration.ofSeconds(120), RetryAfter.parse("120", NOW).orElseThrow());
        assertEquals(Duration.ZERO, RetryAfter.parse(" 0 ", NOW).orElseThrow());
    }

    @Test
    void parse_httpDate_isDelayFromNow() {
        assertEquals(Duration.ofSeconds(60), RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT", NOW).orElseThrow());
    }

    @Test
    void parse_httpDateInThePast_isZero() {
        assertEquals(Duration.ZERO, RetryAfter.parse("Wed, 21 Oct 2015 07:00:00 GMT", NOW).orElseThrow());
    }

    @Test
    void parse_garbageOrNegativeOrMissing_isAbsent() {
        assertTrue(RetryAfter.parse("soon", NOW).isEmpty());
        assertTrue(RetryAfter.parse("-5", NOW).isEmpty());
        assertTrue(RetryAfter.parse("", NOW).isEmpty());
        assertTrue(RetryAfter.parse(null, NOW).isEmpty());
        assertTrue(RetryAfter.parse("99999999999999999999999", NOW).isEmpty());
    }
}
