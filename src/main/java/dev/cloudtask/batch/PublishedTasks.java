package dev.cloudtask.batch;

import dev.cloudtask.TaskRef;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The task references a step published, and when the tasks were submitted.
 *
 * <p>It is stored in the job repository as a plain {@code String} (see {@link #encode()}), so any
 * member of a cluster, any later version of this library, and any JVM that restarts the job can
 * read it without this class on the deserializing side.
 *
 * @param refs the tasks, in the order published (at least one)
 * @param submittedAt when they were submitted, or null if unknown
 */
public record PublishedTasks(List<TaskRef> refs, Instant submittedAt) {
    private static final String HEADER = "cloudtask-tasks/1";
    private static final String SUBMITTED = "submittedAt=";

    public PublishedTasks {
        if (refs == null || refs.isEmpty()) {
            throw new IllegalArgumentException("refs '" + refs + "' must name at least one task");
        }
        refs = List.copyOf(refs);
    }

    /**
     * The text stored as persistent user data: a header line, {@code submittedAt=<instant or ->},
     * then one {@link TaskRef#asString()} per line (ids never contain line breaks).
     */
    public String encode() {
        StringBuilder sb = new StringBuilder(HEADER).append('\n').append(SUBMITTED)
                .append(submittedAt == null ? "-" : submittedAt.toString());
        for (TaskRef ref : refs) {
            sb.append('\n').append(ref.asString());
        }
        return sb.toString();
    }

    /**
     * Reads what {@link #encode()} wrote.
     *
     * @param data persistent user data of a step (any object)
     * @return the published tasks, or empty when {@code data} is not such a text
     * @throws IllegalArgumentException when it has the header but a malformed body
     */
    public static Optional<PublishedTasks> decode(Object data) {
        if (!(data instanceof String text) || !text.startsWith(HEADER + "\n")) {
            return Optional.empty();
        }
        String[] lines = text.split("\n");
        if (lines.length < 3 || !lines[1].startsWith(SUBMITTED)) {
            throw new IllegalArgumentException("published task data '" + text + "' is malformed");
        }
        String at = lines[1].substring(SUBMITTED.length());
        Instant submittedAt;
        try {
            submittedAt = at.equals("-") ? null : Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("published submittedAt '" + at + "' is not an instant", e);
        }
        List<TaskRef> refs = new ArrayList<>();
        for (int i = 2; i < lines.length; i++) {
            refs.add(TaskRef.parse(lines[i]));
        }
        return Optional.of(new PublishedTasks(refs, submittedAt));
    }
}
