package dev.cloudtask.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * An IAM token and its life. The value is a {@link Secret}: {@code toString()} never shows it.
 *
 * @param value the token (the {@code X-Subject-Token} header)
 * @param obtainedAt when it was obtained, by this machine's clock
 * @param expiresAt when it expires by this machine's clock: {@code obtainedAt} plus its life on the
 *     token service's clock ({@code expires_at} minus {@code issued_at})
 */
public record IamToken(Secret value, Instant obtainedAt, Instant expiresAt) {
    public IamToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(obtainedAt, "obtainedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
