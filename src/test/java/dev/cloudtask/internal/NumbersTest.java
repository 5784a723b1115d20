package dev.cloudtask.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NumbersTest {
    @Test
    void parseLong_numericStrings_parsed() {
        assertEquals(100L, Numbers.parseLong("100").orElseThrow());
        assertEquals(100L, Numbers.parseLong(" 100 ").orElseThrow());
        assertEquals(100L, Numbers.parseLong("100.0").orElseThrow());
        assertEquals(-1L, Numbers.parseLong("-1").orElseThrow());
    }

    @Test
    void parseLong_fractionOrOverflow_isAbsent() {
        assertTrue(Numbers.parseLong("1.5").isEmpty());
        assertTrue(Numbers.parseLong("99999999999999999999").isEmpty());
    }

    @Test
    void parseInt_outsideIntRange_isAbsent() {
        assertEquals(7, Numbers.parseInt("7").orElseThrow());
        assertTrue(Numbers.parseInt("3000000000").isEmpty());
    }

    @Test
    void parseDouble_decimalAndExponent_parsed() {
        assertEquals(12.5, Numbers.parseDouble("12.5").orElseThrow());
        assertEquals(1200.0, Numbers.parseDouble("1.2e3").orElseThrow());
        assertTrue(Numbers.parseDouble("1e9999").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "12a", "0x10", "1,5", "NaN", "Infinity", "--1", "."})
    void parse_notPlainDecimal_isAbsent(String raw) {
        assertTrue(Numbers.parse(raw).isEmpty(), raw);
    }

    @Test
    void parse_null_isAbsent() {
        assertTrue(Numbers.parse(null).isEmpty());
    }
}
