package dev.cloudtask.batch;

/**
 * A resolved setting: its value and where it came from.
 *
 * @param <T> the value type
 * @param name the property or key name, e.g. {@code timeout} or {@code rate-limit}
 * @param value the value
 * @param text the value as written, or null for a default
 * @param format how it is printed
 * @param origin where it came from
 */
record Sourced<T>(String name, T value, String text, ValueFormat<T> format, Origin origin) {

    /** The built-in default of {@code name}. */
    static <T> Sourced<T> ofDefault(String name, T value, ValueFormat<T> format) {
        return new Sourced<>(name, value, null, format, Origin.DEFAULT);
    }

    /**
     * Parses {@code text} found at {@code origin}; null when it is null or blank (not set).
     *
     * @throws InvalidPropertyException naming {@code name}, the origin and the text when it is malformed
     */
    static <T> Sourced<T> parse(String name, ValueFormat<T> format, Origin origin, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new Sourced<>(name, format.parse(name, text.trim()), text, format, origin);
        } catch (IllegalArgumentException e) {
            throw new InvalidPropertyException(name, origin.subject(name), text, e.getMessage());
        }
    }

    /** The same failure as a bad value here would give, for a rule between two values. */
    InvalidPropertyException invalid(String problem) {
        return new InvalidPropertyException(name, origin.subject(name), text != null ? text : format.print(value),
                problem);
    }

    /** {@code timeout=2h (job property)}, or {@code timeout=6h} for a default. */
    String describe() {
        String text = name + "=" + format.print(value);
        return origin.isDefault() ? text : text + " (" + origin.describe() + ")";
    }
}
