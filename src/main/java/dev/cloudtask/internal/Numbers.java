package dev.cloudtask.internal;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The one parser for numbers that services may send as JSON numbers or as strings
 * ({@code 100} or {@code "100"}).
 *
 * <p>Blanks around the digits are ignored. Anything else that is not a plain decimal number
 * ({@code "12a"}, {@code "0x10"}, {@code ""}) is absent, never an exception, so one odd field
 * does not fail a whole response.
 */
final class Numbers {
    private Numbers() {
    }

    /** A decimal number, or empty when {@code raw} is null or not a plain decimal number. */
    public static Optional<BigDecimal> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String v = raw.strip();
        if (v.isEmpty() || !v.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,4})?")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(v));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A whole number that fits a {@code long} ({@code "100"}, {@code "100.0"}); otherwise empty. */
    public static Optional<Long> parseLong(String raw) {
        return parse(raw).flatMap(d -> {
            try {
                return Optional.of(d.longValueExact());
            } catch (ArithmeticException e) {
                return Optional.empty();
            }
        });
    }

    /** A whole number that fits an {@code int}; otherwise empty. */
    public static Optional<Integer> parseInt(String raw) {
        return parseLong(raw).filter(l -> l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE)
                .map(Long::intValue);
    }

    /** A finite double; otherwise empty. */
    public static Optional<Double> parseDouble(String raw) {
        return parse(raw).map(BigDecimal::doubleValue).filter(Double::isFinite);
    }
}
