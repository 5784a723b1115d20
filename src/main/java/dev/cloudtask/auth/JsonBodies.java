package dev.cloudtask.auth;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.Map;

/** JSON-B helpers for the few small bodies of the login protocols. */
final class JsonBodies {
    private static volatile Jsonb jsonb;

    private JsonBodies() {
    }

    static Jsonb jsonb() {
        Jsonb j = jsonb;
        if (j == null) {
            synchronized (JsonBodies.class) {
                j = jsonb;
                if (j == null) {
                    j = JsonbBuilder.create();
                    jsonb = j;
                }
            }
        }
        return j;
    }

    static String toJson(Object value) {
        return jsonb().toJson(value);
    }

    /** Parses a JSON object; an empty map when the text is not one. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            Object o = jsonb().fromJson(text, Object.class);
            return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    /** The value at a path of nested objects as text, or null. */
    static String text(Map<String, Object> root, String... path) {
        Object o = root;
        for (String p : path) {
            if (!(o instanceof Map<?, ?> m)) {
                return null;
            }
            o = m.get(p);
        }
        if (o == null || o instanceof Map<?, ?>) {
            return null;
        }
        if (o instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return Long.toString(n.longValue());
        }
        return o.toString();
    }

    /** Shortens a remote message for an exception text and removes any secret it may echo. */
    static String excerpt(String text, Secret... secrets) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        for (Secret s : secrets) {
            if (s != null && s.occursIn(t)) {
                t = t.replace(s.reveal(), s.toString());
            }
        }
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }
}
