package dev.cloudtask.batch;

import dev.cloudtask.internal.PathParams;

/**
 * A job-XML property of a cloudtask artifact, or a configuration value that stands in for one, is
 * missing, blank or malformed. The message names where the value came from (the step's property,
 * the job-level property, or the MicroProfile Config key and its config source) and shows the value
 * as written (escaped and shortened); {@link #property()} is the property name that the step's exit
 * status {@code INVALID_PROPERTY:<name>} carries.
 */
public class InvalidPropertyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String property;

    /**
     * A step property of this name is wrong.
     *
     * @param property the property name, e.g. {@code timeout}
     * @param value the value as written (may be null)
     * @param problem what is wrong with it
     */
    public InvalidPropertyException(String property, String value, String problem) {
        this(property, "property '" + property + "'", value, problem);
    }

    /**
     * A value for {@code property} from elsewhere is wrong.
     *
     * @param property the property name, e.g. {@code timeout}
     * @param subject where the value came from, e.g. {@code job property 'timeout'}
     * @param value the value as written (may be null)
     * @param problem what is wrong with it
     */
    InvalidPropertyException(String property, String subject, String value, String problem) {
        super(message(property, subject, value, problem));
        this.property = property;
    }

    private static String message(String property, String subject, String value, String problem) {
        String echoed = property + " '" + PathParams.excerpt(value) + "' ";
        String reason = problem.startsWith(echoed) ? problem.substring(echoed.length()) : problem;
        String head;
        if (value == null) {
            head = subject + " is not set";
        } else if (UNECHOED.contains(property)) {
            head = subject + " has a value of " + value.length() + " characters (not shown: a request body may"
                    + " carry credentials)";
        } else {
            head = subject + " has value '" + PathParams.excerpt(value) + "'";
        }
        return head + ": " + reason;
    }

    /** Properties whose values are request bodies: never echoed in a message. */
    private static final java.util.Set<String> UNECHOED = java.util.Set.of(JobXmlProperties.Submit.BODY.name());

    /** The name of the offending property. */
    public String property() {
        return property;
    }
}
