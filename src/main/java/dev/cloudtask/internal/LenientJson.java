package dev.cloudtask.internal;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;

/**
 * The one way this library turns response text into records (and the one JSON-B instance it uses).
 *
 * <p>What it tolerates, on top of JSON-B's defaults (unknown properties are ignored):
 * <ul>
 *   <li>a trailing comma before {@code ]} or {@code }} (the CCE documentation's own example has one);
 *       commas inside strings are left alone;</li>
 *   <li>a UTF-8 byte-order mark;</li>
 *   <li>scalars of the "wrong" JSON type: a number where text is expected becomes its text
 *       ({@code 30} becomes {@code "30"}), a string holding a number fills a number property, and a
 *       value that fits neither (an object where text is expected, {@code "abc"} for a number) becomes
 *       null instead of failing the whole response ({@link LenientScalars}).</li>
 * </ul>
 * Real syntax errors (an unclosed object, HTML) still fail, with a {@code jakarta.json.bind.JsonbException}.
 */
public final class LenientJson {
    /** Default cap on a response body: 8 MiB, far above any real progress response. */
    public static final long DEFAULT_MAX_BYTES = 8L * 1024 * 1024;

    private static final class Holder {
        static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
                .withDeserializers(LenientScalars.deserializers()));
    }

    private LenientJson() {
    }

    /** Parses {@code text} into {@code type} after {@link #stripTrailingCommas}. */
    public static <T> T read(String text, Type type) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return Holder.JSONB.fromJson(stripTrailingCommas(t), type);
    }

    /** Parses {@code text} into {@code type} after {@link #stripTrailingCommas}. */
    public static <T> T read(String text, Class<T> type) {
        return read(text, (Type) type);
    }

    /** Writes {@code value} as JSON (request bodies). */
    public static String write(Object value) {
        return Holder.JSONB.toJson(value);
    }

    /**
     * Removes every comma that is followed (after optional whitespace) by {@code ]} or {@code }},
     * outside string literals. Anything else is returned unchanged.
     */
    public static String stripTrailingCommas(CharSequence json) {
        StringBuilder out = new StringBuilder(json.length());
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == ',' && closesNext(json, i + 1)) {
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean closesNext(CharSequence json, int from) {
        for (int j = from; j < json.length(); j++) {
            char n = json.charAt(j);
            if (n == ']' || n == '}') {
                return true;
            }
            if (!Character.isWhitespace(n)) {
                return false;
            }
        }
        return false;
    }

    /**
     * Reads at most {@code maxBytes + 1} bytes, so a caller can tell "over the cap" ({@code length >
     * maxBytes}) without ever holding more than the cap in memory.
     */
    public static byte[] readAtMost(InputStream in, long maxBytes) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        int limit = (int) Math.min(Integer.MAX_VALUE - 16L, maxBytes + 1);
        return in.readNBytes(limit);
    }
}
