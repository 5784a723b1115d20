package dev.cloudtask.batch;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@code submitCloudTask} step execution that published no task leaves as its persistent
 * user data: whether its operation may have reached the service, and since when. A restarted step
 * reads it (see {@link SubmitHistory}). Stored as plain text, like {@link PublishedTasks}.
 *
 * @param mayHaveSentAt when the operation may first have reached the service (this execution's
 *     attempt, or an earlier execution's that it carried forward), or null when it certainly never did
 * @param operation the operation, e.g. {@code DWS POST /v1.0/.../cns/batch-create}, for messages
 */
record SubmitRecord(Instant mayHaveSentAt, String operation) {
    private static final String HEADER = "cloudtask-submit/1";
    private static final String SENT = "mayHaveSentAt=";
    private static final String OPERATION = "operation=";

    SubmitRecord {
        Objects.requireNonNull(operation, "operation");
        if (operation.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("operation '" + operation + "' must be one line");
        }
    }

    /** The stored text: a header line, {@code mayHaveSentAt=<instant or ->}, {@code operation=<text>}. */
    String encode() {
        return HEADER + "\n" + SENT + (mayHaveSentAt == null ? "-" : mayHaveSentAt.toString()) + "\n" + OPERATION
                + operation;
    }

    /** Reads what {@link #encode()} wrote; empty for any other data (or none). */
    static Optional<SubmitRecord> decode(Object data) {
        if (!(data instanceof String text) || !text.startsWith(HEADER + "\n")) {
            return Optional.empty();
        }
        String[] lines = text.split("\n", 3);
        if (lines.length < 3 || !lines[1].startsWith(SENT) || !lines[2].startsWith(OPERATION)) {
            throw new IllegalArgumentException("submit record '" + text + "' is malformed");
        }
        String at = lines[1].substring(SENT.length());
        try {
            return Optional.of(new SubmitRecord(at.equals("-") ? null : Instant.parse(at),
                    lines[2].substring(OPERATION.length())));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("submit record time '" + at + "' is not an instant", e);
        }
    }
}
