package dev.cloudtask.batch;

import dev.cloudtask.internal.PathParams;

/**
 * A job-XML property of a cloudtask artifact is missing, blank or malformed. The message names the
 * property and shows the value as written (escaped and shortened).
 */
public class InvalidPropertyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String property;

    /**
     * @param property the property name, e.g. {@code timeout}
     * @param value the value as written (may be null)
     * @param problem what is wrong with it
     */
    public InvalidPropertyException(String property, String value, String problem) {
        super(message(property, value, problem));
        this.property = property;
    }

    private static String message(String property, String value, String problem) {
        if (problem.startsWith("property '")) {
            return problem;
        }
        String echoed = property + " '" + PathParams.excerpt(value) + "' ";
        String reason = problem.startsWith(echoed) ? problem.substring(echoed.length()) : problem;
        String head = value == null ? "property '" + property + "' is not set"
                : "property '" + property + "' has value '" + PathParams.excerpt(value) + "'";
        return head + ": " + reason;
    }

    /** The name of the offending property. */
    public String property() {
        return property;
    }
}
