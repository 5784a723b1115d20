package dev.cloudtask.internal;

/**
 * The one check for values that become a path segment of a request URL (project, instance, task ids).
 *
 * <p>A value is accepted when it is not blank, at most {@value #MAX_LENGTH} characters long, and
 * free of {@code /}, {@code \}, {@code %}, {@code ?}, {@code #}, {@code ..}, whitespace and control
 * characters. Everything else is rejected before any request is made, with a message that names the
 * parameter and shows the value (escaped and shortened, so a hostile value cannot forge log lines).
 */
public final class PathParams {
    /** Longest id accepted; real ids are UUID-like (32 to 36 characters). */
    public static final int MAX_LENGTH = 128;

    private PathParams() {
    }

    /**
     * Returns {@code value} when it is a safe path segment.
     *
     * @param name the parameter name for the message, e.g. {@code project_id} or {@code taskId}
     * @throws IllegalArgumentException naming the parameter and the value
     */
    public static String check(String name, String value) {
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(name + " '" + excerpt(value) + "' " + problem);
        }
        return value;
    }

    private static String problem(String value) {
        if (value == null) {
            return "is missing";
        }
        if (value.isBlank()) {
            return "is blank";
        }
        if (value.length() > MAX_LENGTH) {
            return "is " + value.length() + " characters long (at most " + MAX_LENGTH + ")";
        }
        if (value.contains("..")) {
            return "must not contain '..'";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '/' || c == '\\' || c == '%' || c == '?' || c == '#') {
                return "must not contain '" + c + "'";
            }
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                return "must not contain whitespace or control characters";
            }
        }
        return null;
    }

    /** A printable, bounded rendering of an untrusted value for messages. */
    public static String excerpt(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < value.length() && sb.length() < 60; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (sb.length() >= 60 && value.length() > 60) {
            sb.append("...");
        }
        return sb.toString();
    }
}
