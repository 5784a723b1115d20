package dev.cloudtask.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {
    @Test
    void parse_isoWithoutZone_takenAsUtc() {
        assertEquals(Instant.parse("2022-11-09T20:25:00Z"), Timestamps.parse("2022-11-09T20:25:00").orElseThrow());
    }

    @Test
    void parse_isoWithZ_keepsMillis() {
        assertEquals(Instant.parse("2020-06-17T07:38:42.503Z"),
                Timestamps.parse("2020-06-17T07:38:42.503Z").orElseThrow());
    }

    @Test
    void parse_spaceSeparatedWithoutZone_takenAsUtc() {
        assertEquals(Instant.parse("2022-09-01T11:52:24Z"), Timestamps.parse("2022-09-01 11:52:24").orElseThrow());
    }

    @Test
    void parse_goStyleNineDigits_exactToTheNanosecond() {
        assertEquals(Instant.parse("2020-02-02T08:12:40.672772389Z"),
                Timestamps.parse("2020-02-02 08:12:40.672772389 +0000 UTC").orElseThrow());
    }

    @Test
    void parse_goStyleSixDigits_exactToTheMicrosecond() {
        assertEquals(Instant.parse("2020-02-02T08:12:40.672772Z"),
                Timestamps.parse("2020-02-02 08:12:40.672772 +0000 UTC").orElseThrow());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2020-02-02 16:12:40.5 +0800 CST|2020-02-02T08:12:40.500Z",
        "2020-02-02 08:12:40 +0000 UTC|2020-02-02T08:12:40Z",
        "2020-02-02 08:12:40.672772389 +0000|2020-02-02T08:12:40.672772389Z",
        "2020-06-17T09:38:42.503+02:00|2020-06-17T07:38:42.503Z",
        "2020-06-17 07:38:42.503Z|2020-06-17T07:38:42.503Z",
        "' 2022-09-01 11:52:24 '|2022-09-01T11:52:24Z",
        "2022-09-01T11:52:24.123456789|2022-09-01T11:52:24.123456789Z"})
    void parse_variants_giveTheSameInstant(String raw, String expected) {
        assertEquals(Instant.parse(expected), Timestamps.parse(raw).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "yesterday", "2022-13-01 10:00:00", "2022-02-30T10:00:00", "2022-09-01 25:00:00",
        "2022-09-01", "1669999999", "2020-02-02 08:12:40.1234567890 +0000 UTC", "2022-09-01X11:52:24",
        "2020-02-02 08:12:40 +00 UTC garbage"})
    void parse_unparseable_isAbsent(String raw) {
        assertTrue(Timestamps.parse(raw).isEmpty(), raw);
    }

    @Test
    void parse_null_isAbsent() {
        assertTrue(Timestamps.parse(null).isEmpty());
    }
}
