package dev.cloudtask.testkit;

/**
 * How a simulated task fails: the error code and detail, rendered in the service's own fields, and
 * the progress at which it fails.
 *
 * <table>
 *   <caption>Where the failure appears</caption>
 *   <tr><th>service</th><th>code</th><th>detail</th></tr>
 *   <tr><td>CCE</td><td>{@code status.reason} of the failed sub-job, as {@code "<code>: <detail>"}</td>
 *       <td>{@code status.reason} of the job, as {@code "<code>: <detail>"}</td></tr>
 *   <tr><td>DCS</td><td>{@code error_code} of the failed step and sub-step</td><td>{@code detail} of the failed sub-step</td></tr>
 *   <tr><td>DWS</td><td>{@code failed_code}</td><td>{@code failed_detail}</td></tr>
 *   <tr><td>MRS</td><td>{@code error_code} (an integer: the code must be numeric)</td><td>{@code error_description}</td></tr>
 * </table>
 *
 * <p>A task fails either at the end of its duration, having reached only {@code atProgress} (its
 * progress follows its shape scaled down to that point), or early, {@code after} a given running
 * time, with the progress its shape has reached by then ({@code atProgress} is then 0 and not used).
 *
 * @param code the remote error code, not blank
 * @param detail the human-readable detail, not null
 * @param atProgress for a failure at the end: the progress (0..99) the task has reached when it fails
 * @param after for an early failure: the running time after which it fails (&gt; 0, shorter than the
 *     timeline's duration); null for a failure at the end
 */
public record TaskFailure(String code, String detail, int atProgress, java.time.Duration after) {
    /** Progress at which a failure happens when not given. */
    public static final int DEFAULT_AT_PROGRESS = 50;

    /** A failure at the end of the duration, at {@code atProgress}. */
    public TaskFailure(String code, String detail, int atProgress) {
        this(code, detail, atProgress, null);
    }

    public TaskFailure {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("failure code '" + code + "' is blank");
        }
        if (detail == null) {
            detail = "";
        }
        if (atProgress < 0 || atProgress > 99) {
            throw new IllegalArgumentException("failure atProgress '" + atProgress + "' must be within 0..99");
        }
        if (after != null && (after.isNegative() || after.isZero())) {
            throw new IllegalArgumentException("failure after '" + after + "' must be > 0");
        }
        if (after != null) {
            atProgress = 0;
        }
    }
}
