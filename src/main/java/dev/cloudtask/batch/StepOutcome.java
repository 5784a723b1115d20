package dev.cloudtask.batch;

import dev.cloudtask.AwaitOutcome;
import dev.cloudtask.internal.PathParams;

/**
 * How a wait's outcome maps onto the step: its exit status, and whether the step fails.
 *
 * <table>
 *   <caption>Outcome mapping</caption>
 *   <tr><th>wait outcome</th><th>exit status</th><th>step batch status</th></tr>
 *   <tr><td>SUCCEEDED</td><td>{@code SUCCEEDED}</td><td>COMPLETED</td></tr>
 *   <tr><td>FAILED</td><td>{@code FAILED:<remote code>}</td><td>FAILED, or COMPLETED with
 *       {@code onRemoteFailure=COMPLETE}</td></tr>
 *   <tr><td>TIMED_OUT</td><td>{@code TIMED_OUT}</td><td>FAILED</td></tr>
 *   <tr><td>STOPPED by {@code JobOperator.stop}</td><td>{@code STOPPED}</td><td>STOPPED</td></tr>
 *   <tr><td>STOPPED otherwise (awaiter shut down)</td><td>{@code STOPPED}</td><td>FAILED</td></tr>
 *   <tr><td>ERROR</td><td>{@code ERROR:<code or HTTP status>}</td><td>FAILED</td></tr>
 * </table>
 *
 * <p>A remote failure without an error code uses the remote state ({@code FAILED:Failed}), or
 * {@code FAILED:UNKNOWN} when there is none; likewise {@code ERROR:UNKNOWN}.
 *
 * @param exitStatus the exit status to set
 * @param failStep whether the step must end FAILED
 */
public record StepOutcome(String exitStatus, boolean failStep) {
    /** Exit status of a step whose task succeeded. */
    public static final String SUCCEEDED = "SUCCEEDED";
    /** Exit status prefix of a step whose task failed. */
    public static final String FAILED_PREFIX = "FAILED:";
    /** Exit status of a step whose wait timed out. */
    public static final String TIMED_OUT = "TIMED_OUT";
    /** Exit status of a stopped step. */
    public static final String STOPPED = "STOPPED";
    /** Exit status prefix of a step whose task's progress could not be read. */
    public static final String ERROR_PREFIX = "ERROR:";
    /** Exit status prefix of a step with a bad job-XML property (followed by the property name). */
    public static final String INVALID_PROPERTY_PREFIX = "INVALID_PROPERTY:";

    private static final int MAX_CODE = 100;

    /**
     * Maps an outcome.
     *
     * @param outcome how the wait ended
     * @param onRemoteFailure what to do when the remote task failed
     * @param stopRequested whether the runtime asked the step to stop
     */
    public static StepOutcome of(AwaitOutcome outcome, OnRemoteFailure onRemoteFailure, boolean stopRequested) {
        return switch (outcome.kind()) {
            case SUCCEEDED -> new StepOutcome(SUCCEEDED, false);
            case FAILED -> new StepOutcome(FAILED_PREFIX + code(outcome, true),
                    onRemoteFailure != OnRemoteFailure.COMPLETE);
            case TIMED_OUT -> new StepOutcome(TIMED_OUT, true);
            case STOPPED -> new StepOutcome(STOPPED, !stopRequested);
            case ERROR -> new StepOutcome(ERROR_PREFIX + code(outcome, false), true);
        };
    }

    private static String code(AwaitOutcome outcome, boolean useRemoteState) {
        String code = outcome.errorCode();
        if ((code == null || code.isBlank()) && useRemoteState && outcome.lastStatus() != null) {
            code = outcome.lastStatus().remoteState();
        }
        if (code == null || code.isBlank()) {
            return "UNKNOWN";
        }
        String safe = PathParams.excerpt(code.strip());
        return safe.length() > MAX_CODE ? safe.substring(0, MAX_CODE) : safe;
    }
}
