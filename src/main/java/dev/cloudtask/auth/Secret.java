package dev.cloudtask.auth;

import java.util.Objects;

/**
 * A credential value (password, secret key, token, cookie) that must never be printed.
 *
 * <p>{@link #toString()} always answers {@code [redacted]}, so a record or message that holds a
 * {@code Secret} cannot leak it by accident; code that needs the value calls {@link #reveal()} at
 * the one place where it goes on the wire.
 */
public final class Secret {
    private static final String REDACTED = "[redacted]";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * Wraps a credential value.
     *
     * @param name what the value is (a config key), named in the error message
     * @param value the value
     * @throws IllegalArgumentException naming {@code name} (never the value) when it is null or blank
     */
    public static Secret of(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank: expected a non-empty secret");
        }
        return new Secret(value);
    }

    /** The value itself, for the one place where it is put on the wire. */
    public String reveal() {
        return value;
    }

    /** {@code text} with every occurrence of this secret replaced by {@code [redacted]}; null stays null. */
    String scrub(String text) {
        return text == null ? null : text.replace(value, REDACTED);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    /** Always {@code [redacted]}. */
    @Override
    public String toString() {
        return REDACTED;
    }
}
