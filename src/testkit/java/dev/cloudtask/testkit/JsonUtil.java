package dev.cloudtask.testkit;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Small helpers over JSON-P (jakarta.json, Parsson at run time) for rendering and reading bodies. */
final class JsonUtil {
    /**
     * Looked up once: every {@code Json.createXxx} call looks the provider up again through the
     * ServiceLoader (a class-path scan), which dominated the cost of a request under load.
     */
    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private JsonUtil() {
    }

    static JsonObjectBuilder object() {
        return PROVIDER.createObjectBuilder();
    }

    static JsonArrayBuilder array() {
        return PROVIDER.createArrayBuilder();
    }

    /** Adds {@code value} unless it is null. */
    static JsonObjectBuilder addOpt(JsonObjectBuilder b, String key, String value) {
        return value == null ? b : b.add(key, value);
    }

    /** Adds {@code value}, or JSON null when it is null. */
    static JsonObjectBuilder addOrNull(JsonObjectBuilder b, String key, String value) {
        return value == null ? b.addNull(key) : b.add(key, value);
    }

    static byte[] bytes(JsonStructure json) {
        StringWriter out = new StringWriter();
        try (JsonWriter w = PROVIDER.createWriter(out)) {
            w.write(json);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses a request body as a JSON object.
     *
     * @throws IllegalArgumentException when the body is not a JSON object
     */
    static JsonObject parseObject(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        try (JsonReader r = PROVIDER.createReader(new StringReader(text))) {
            JsonValue v = r.readValue();
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new IllegalArgumentException("request body is not a JSON object");
            }
            return v.asJsonObject();
        } catch (jakarta.json.JsonException e) {
            throw new IllegalArgumentException("request body is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** The string at {@code a.b.c}, or null when any part is missing or not a string. */
    static String path(JsonObject root, String... keys) {
        JsonValue v = root;
        for (String k : keys) {
            if (v == null || v.getValueType() != JsonValue.ValueType.OBJECT) {
                return null;
            }
            v = v.asJsonObject().get(k);
        }
        if (v instanceof jakarta.json.JsonString s) {
            return s.getString();
        }
        return null;
    }
}
