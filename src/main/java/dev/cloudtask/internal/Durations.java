package dev.cloudtask.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one parser for durations written by users: {@code 500ms}, {@code 30s}, {@code 5m},
 * {@code 2h}, {@code 1d}, or ISO-8601 ({@code PT2H30M}, {@code P1DT2H}).
 */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @param name the property or key being parsed, named in the error message
     * @param value the text
     * @return the duration, never negative
     * @throws IllegalArgumentException naming the property and the value when it is blank,
     *     malformed or negative
     */
    public static Duration parse(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " '" + value + "' is blank: expected a duration"
                    + " such as 30s, 5m, 2h or PT2H");
        }
        String v = value.trim();
        Duration d;
        Matcher m = SHORT.matcher(v.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                d = Duration.parse(v.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(name + " '" + PathParams.excerpt(value)
                        + "' is not a duration: expected 30s, 5m, 2h, 500ms, 1d or ISO-8601 such as PT2H");
            }
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " '" + PathParams.excerpt(value) + "' is negative");
        }
        return d;
    }

    /** Formats a duration the short way ({@code 90s} becomes {@code 1m30s}), for messages and tables. */
    public static String format(Duration d) {
        if (d == null) {
            return "-";
        }
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        long s = d.toSeconds();
        StringBuilder sb = new StringBuilder();
        if (s >= 3600) {
            sb.append(s / 3600).append('h');
            s %= 3600;
        }
        if (s >= 60) {
            sb.append(s / 60).append('m');
            s %= 60;
        }
        if (s > 0 || sb.length() == 0) {
            sb.append(s).append('s');
        }
        return sb.toString();
    }
}
