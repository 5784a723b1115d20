package dev.cloudtask.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spans an {@link OtlpSink} received, decoded from the OTLP protobuf messages
 * ({@code ExportTraceServiceRequest} → resource spans → scope spans → spans) as far as the tests
 * look: a span's scope, name and attributes, and its events with their names and attributes. Attribute
 * values are a {@code String}, {@code Boolean}, {@code Long} or {@code Double}.
 */
final class OtlpTraces {

    /** The status code of a span ended OK ({@code STATUS_CODE_OK}); unset is 0, error 2. */
    static final long STATUS_OK = 1;

    /**
     * One span, with the name of the instrumentation scope (tracer) that made it.
     *
     * @param status its status code: 0 unset, {@link #STATUS_OK}, 2 error
     */
    record Span(String scope, String name, long status, Map<String, Object> attributes, List<Event> events) {
    }

    /** One span event. */
    record Event(String name, Map<String, Object> attributes) {
    }

    private OtlpTraces() {
    }

    /** Every span received so far by the sink at {@code baseUrl}. */
    static List<Span> fetch(String baseUrl) throws IOException {
        byte[] all;
        try (InputStream in = URI.create(baseUrl + "/received").toURL().openStream()) {
            all = in.readAllBytes();
        }
        List<Span> spans = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(all);
        while (b.hasRemaining()) {
            int length = b.getInt();
            ByteBuffer request = b.slice(b.position(), length);
            b.position(b.position() + length);
            for (ByteBuffer resourceSpans : fields(request, 1)) {
                for (ByteBuffer scopeSpans : fields(resourceSpans, 2)) {
                    List<ByteBuffer> scope = fields(scopeSpans, 1);
                    String scopeName = scope.isEmpty() ? null : string(fields(scope.get(0), 1));
                    for (ByteBuffer span : fields(scopeSpans, 2)) {
                        spans.add(span(scopeName, span));
                    }
                }
            }
        }
        return spans;
    }

    private static Span span(String scope, ByteBuffer span) {
        List<Event> events = new ArrayList<>();
        for (ByteBuffer event : fields(span, 11)) {
            events.add(new Event(string(fields(event, 2)), attributes(fields(event, 3))));
        }
        List<ByteBuffer> status = fields(span, 15);
        long code = status.isEmpty() ? 0 : varintField(status.get(0), 3);
        return new Span(scope, string(fields(span, 5)), code, attributes(fields(span, 9)), events);
    }

    private static Map<String, Object> attributes(List<ByteBuffer> keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (ByteBuffer kv : keyValues) {
            String key = string(fields(kv, 1));
            List<ByteBuffer> value = fields(kv, 2);
            map.put(key, value.isEmpty() ? null : anyValue(value.get(0)));
        }
        return map;
    }

    /** An {@code AnyValue}: string (1), bool (2), int (3) or double (4). */
    private static Object anyValue(ByteBuffer v) {
        while (v.hasRemaining()) {
            long tag = varint(v);
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            switch (field) {
                case 1:
                    return new String(bytes(v, (int) varint(v)), StandardCharsets.UTF_8);
                case 2:
                    return varint(v) != 0;
                case 3:
                    return varint(v);
                case 4:
                    return Double.longBitsToDouble(v.order(ByteOrder.LITTLE_ENDIAN).getLong());
                default:
                    skip(v, wire);
            }
        }
        return null;
    }

    private static String string(List<ByteBuffer> values) {
        return values.isEmpty() ? null : StandardCharsets.UTF_8.decode(values.get(0)).toString();
    }

    /** The length-delimited fields numbered {@code number} of a message, in order. */
    private static List<ByteBuffer> fields(ByteBuffer message, int number) {
        ByteBuffer m = message.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        List<ByteBuffer> found = new ArrayList<>();
        while (m.hasRemaining()) {
            long tag = varint(m);
            int wire = (int) (tag & 7);
            if (wire == 2) {
                int length = (int) varint(m);
                if ((tag >>> 3) == number) {
                    found.add(m.slice(m.position(), length));
                }
                m.position(m.position() + length);
            } else {
                skip(m, wire);
            }
        }
        return found;
    }

    /** The varint field numbered {@code number} of a message, 0 when absent (protobuf's default). */
    private static long varintField(ByteBuffer message, int number) {
        ByteBuffer m = message.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long value = 0;
        while (m.hasRemaining()) {
            long tag = varint(m);
            int wire = (int) (tag & 7);
            if (wire == 0 && (tag >>> 3) == number) {
                value = varint(m);
            } else {
                skip(m, wire);
            }
        }
        return value;
    }

    private static void skip(ByteBuffer m, int wire) {
        switch (wire) {
            case 0 -> varint(m);
            case 1 -> m.position(m.position() + 8);
            case 2 -> m.position(m.position() + (int) varint(m));
            case 5 -> m.position(m.position() + 4);
            default -> throw new IllegalArgumentException("protobuf wire type " + wire + " at byte " + m.position());
        }
    }

    private static byte[] bytes(ByteBuffer m, int length) {
        byte[] out = new byte[length];
        m.get(out);
        return out;
    }

    private static long varint(ByteBuffer m) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = m.get();
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("protobuf varint longer than 10 bytes at byte " + m.position());
    }
}
