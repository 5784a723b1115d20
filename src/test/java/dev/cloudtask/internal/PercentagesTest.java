package dev.cloudtask.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PercentagesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "9%|9", "9|9", "9.5|9", "' 30 % '|30", "0|0", "100|100", "100%|100", "99.99|99", "0.0|0", "1e1|10"})
    void parse_acceptedText_givesPercent(String raw, int expected) {
        assertEquals(expected, Percentages.parse(raw).getAsInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc%", "", " ", "%", "9%%", "-1", "101", "100.5", "NaN", "9 %x", "0x10", "1e400", "1e-999999999"})
    void parse_badOrOutOfRange_isAbsent(String raw) {
        assertTrue(Percentages.parse(raw).isEmpty(), raw);
    }

    @Test
    void parse_null_isAbsent() {
        assertTrue(Percentages.parse(null).isEmpty());
    }

    @Test
    void of_numbers_checkedAndRoundedDown() {
        assertEquals(9, Percentages.of(9.5).getAsInt());
        assertEquals(30, Percentages.of(30).getAsInt());
        assertEquals(100, Percentages.of(new BigDecimal("100.0")).getAsInt());
        assertTrue(Percentages.of(Double.NaN).isEmpty());
        assertTrue(Percentages.of(Double.POSITIVE_INFINITY).isEmpty());
        assertTrue(Percentages.of(-0.5).isEmpty());
        assertTrue(Percentages.of(100.01).isEmpty());
        assertTrue(Percentages.of(null).isEmpty());
        assertEquals(0, Percentages.of(new BigDecimal("1e-999999999")).getAsInt());
    }
}
