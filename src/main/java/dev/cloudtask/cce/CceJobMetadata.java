package dev.cloudtask.cce;

import dev.cloudtask.internal.Timestamps;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code metadata} of a CCE job. Times are kept as sent (CCE uses Go's
 * {@code 2020-02-02 08:12:40.672772389 +0000 UTC}); {@link #createdAt()} and {@link #updatedAt()}
 * parse them with the library's one timestamp parser and are empty when the text is not a time.
 *
 * @param uid the job id
 * @param creationTimestamp creation time as sent
 * @param updateTimestamp last update time as sent
 */
public record CceJobMetadata(String uid, String creationTimestamp, String updateTimestamp) {

    /** The creation time, or empty when missing or unparseable. */
    public Optional<Instant> createdAt() {
        return Timestamps.parse(creationTimestamp);
    }

    /** The last update time, or empty when missing or unparseable. */
    public Optional<Instant> updatedAt() {
        return Timestamps.parse(updateTimestamp);
    }
}
