package dev.cloudtask.internal;

import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * JSON-B deserializers that read {@code String}, {@code Integer}, {@code Long} and {@code Double}
 * properties from whatever scalar a service sends, used by {@link LenientJson}.
 *
 * <ul>
 *   <li>String: a string as is; a number, {@code true} or {@code false} as its JSON text; an object or
 *       array is skipped and gives null.</li>
 *   <li>Integer / Long / Double: a number, or a string holding a number ({@link Numbers}); a fraction
 *       for a whole-number property, text that is not a number, a boolean, an object or an array give
 *       null (logged at FINE).</li>
 * </ul>
 */
final class LenientScalars {
    private static final Logger LOG = Logger.getLogger(LenientScalars.class.getName());

    private LenientScalars() {
    }

    /** The four deserializers, for {@code JsonbConfig.withDeserializers}. */
    @SuppressWarnings("rawtypes")
    public static JsonbDeserializer[] deserializers() {
        return new JsonbDeserializer[] {
            new Text(), new IntegerValue(), new LongValue(), new DoubleValue(),
        };
    }

    private static boolean fitsLong(BigDecimal d) {
        try {
            d.longValueExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    private static boolean fitsInt(BigDecimal d) {
        return fitsLong(d) && d.longValue() >= Integer.MIN_VALUE && d.longValue() <= Integer.MAX_VALUE;
    }

    /** Text from any scalar. */
    public static final class Text implements JsonbDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext ctx, Type rtType) {
            JsonValue value = parser.getValue();
            switch (value.getValueType()) {
                case STRING:
                    return ((JsonString) value).getString();
                case NUMBER:
                case TRUE:
                case FALSE:
                    return value.toString();
                case NULL:
                    return null;
                default:
                    LOG.log(Level.FINE, "ignored a JSON {0} where text was expected", value.getValueType());
                    return null;
            }
        }
    }

    /** An Integer from a JSON number or a numeric string. */
    public static final class IntegerValue implements JsonbDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext ctx, Type rtType) {
            return number(parser, "Integer", d -> Optional.of(d).filter(LenientScalars::fitsInt)
                    .map(BigDecimal::intValue));
        }
    }

    /** A Long from a JSON number or a numeric string. */
    public static final class LongValue implements JsonbDeserializer<Long> {
        @Override
        public Long deserialize(JsonParser parser, DeserializationContext ctx, Type rtType) {
            return number(parser, "Long", d -> Optional.of(d).filter(LenientScalars::fitsLong)
                    .map(BigDecimal::longValue));
        }
    }

    /** A finite Double from a JSON number or a numeric string. */
    public static final class DoubleValue implements JsonbDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser parser, DeserializationContext ctx, Type rtType) {
            return number(parser, "Double", d -> Optional.of(d.doubleValue()).filter(Double::isFinite));
        }
    }

    private static <T> T number(JsonParser parser, String typeName, Function<BigDecimal, Optional<T>> convert) {
        JsonValue value = parser.getValue();
        Optional<BigDecimal> number = switch (value.getValueType()) {
            case NUMBER -> Optional.of(((JsonNumber) value).bigDecimalValue());
            case STRING -> Numbers.parse(((JsonString) value).getString());
            default -> Optional.empty();
        };
        Optional<T> result = number.flatMap(convert);
        if (result.isEmpty() && value.getValueType() != JsonValue.ValueType.NULL) {
            LOG.log(Level.FINE, "ignored a JSON {0} that is not a valid {1}",
                    new Object[] {value.getValueType(), typeName});
        }
        return result.orElse(null);
    }
}
