package dev.cloudtask.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * An IAM token and its life. The value is a {@link Secret}: {@code toString()} never shows it.
 *
 * @param value the token (the {@code X-Subject-Token} header)
 * @param obtainedAt when it was obtained
 * @param expiresAt {@code expires_at} from the token body
 */
public record IamToken(Secret value, Instant obtainedAt, Instant expiresAt) {
    public IamToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(obtainedAt, "obtainedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
