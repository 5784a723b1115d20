package dev.cloudtask.internal;

import java.math.BigDecimal;
import java.util.OptionalInt;

/**
 * The one parser for progress percentages as services send them.
 *
 * <p>Accepted: a JSON number ({@code 30}, {@code 9.5}) or a string holding a number with an optional
 * trailing {@code %} and surrounding blanks ({@code "9%"}, {@code "9"}, {@code " 9.5 % "}). A fraction
 * is rounded down, so {@code 99.9} is reported as 99 and never looks finished early.
 *
 * <p>Absent (empty result): null, blank, not a number ({@code "abc%"}, {@code "9%%"}), NaN, or a value
 * outside 0..100. A bad percentage never fails the response it came in.
 */
public final class Percentages {
    private Percentages() {
    }

    /** Parses a percentage sent as text; see the class description for what is accepted. */
    public static OptionalInt parse(String raw) {
        if (raw == null) {
            return OptionalInt.empty();
        }
        String v = raw.strip();
        if (v.endsWith("%")) {
            v = v.substring(0, v.length() - 1).strip();
        }
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        return Numbers.parse(v).map(Percentages::of).orElse(OptionalInt.empty());
    }

    /** Checks a percentage sent as a number: 0..100, fraction rounded down; otherwise absent. */
    public static OptionalInt of(Number value) {
        if (value == null) {
            return OptionalInt.empty();
        }
        if (value instanceof Double d && (d.isNaN() || d.isInfinite())
                || value instanceof Float f && (f.isNaN() || f.isInfinite())) {
            return OptionalInt.empty();
        }
        BigDecimal d = value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
        if (d.signum() < 0 || d.compareTo(BigDecimal.valueOf(100)) > 0) {
            return OptionalInt.empty();
        }
        // below 1 is 0; checked first because rounding a tiny value such as 1e-999999999 is very slow
        return OptionalInt.of(d.compareTo(BigDecimal.ONE) < 0 ? 0 : d.intValue());
    }
}
