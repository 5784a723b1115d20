package dev.cloudtask.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one parser for the timestamps that the four services send.
 *
 * <table>
 * <caption>Accepted styles</caption>
 * <tr><th>example</th><th>seen in</th><th>zone</th></tr>
 * <tr><td>{@code 2022-11-09T20:25:00}</td><td>DWS</td><td>none sent: taken as UTC</td></tr>
 * <tr><td>{@code 2020-06-17T07:38:42.503Z}</td><td>DCS docs</td><td>as sent ({@code Z} or an offset)</td></tr>
 * <tr><td>{@code 2022-09-01 11:52:24}</td><td>DCS</td><td>none sent: taken as UTC</td></tr>
 * <tr><td>{@code 2020-02-02 08:12:40.672772389 +0000 UTC}</td><td>CCE (Go)</td><td>the numeric offset</td></tr>
 * </table>
 *
 * <p>Fractions of 0 to 9 digits are accepted in every style (Go sends 6 or 9). A time without a zone
 * is taken as UTC, which is what the services' servers use; the raw text stays available in the
 * response records for anyone who knows better. Anything else (blank, garbage, 25 o'clock) is
 * absent, never an exception.
 */
public final class Timestamps {
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter().withResolverStyle(ResolverStyle.STRICT);

    /** Go's time.Time String(): {@code 2006-01-02 15:04:05.999999999 -0700 MST}. */
    private static final DateTimeFormatter GO = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral(' ')
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .appendLiteral(' ')
            .appendOffset("+HHMM", "+0000")
            .toFormatter().withResolverStyle(ResolverStyle.STRICT);

    /** Go style; the trailing zone abbreviation ({@code UTC}) is ignored, the numeric offset is exact. */
    private static final Pattern GO_STYLE = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})? [+-]\\d{4})(?: (?:[A-Za-z]{1,6}|[+-]\\d{2,4}))?");
    private static final Pattern ISO_OFFSET = Pattern.compile(".*\\d[+-]\\d{2}:\\d{2}");

    private Timestamps() {
    }

    /** Parses one of the accepted styles; empty for null, blank or unparseable text. */
    public static Optional<Instant> parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String v = raw.strip();
        try {
            if (v.endsWith("Z") || v.endsWith("z") || hasIsoOffset(v)) {
                String iso = v.length() > 10 && v.charAt(10) == ' ' ? v.substring(0, 10) + 'T' + v.substring(11) : v;
                return Optional.of(OffsetDateTime.parse(iso.toUpperCase(Locale.ROOT),
                        DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
            }
            Matcher go = GO_STYLE.matcher(v);
            if (go.matches()) {
                return Optional.of(OffsetDateTime.parse(go.group(1), GO).toInstant());
            }
            if (v.length() > 10 && v.charAt(10) == ' ') {
                v = v.substring(0, 10) + 'T' + v.substring(11);
            }
            return Optional.of(LocalDateTime.parse(v, LOCAL).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /** {@code ...+08:00} or {@code ...-05:00} right after the time, ISO style. */
    private static boolean hasIsoOffset(String v) {
        return ISO_OFFSET.matcher(v).matches();
    }
}
