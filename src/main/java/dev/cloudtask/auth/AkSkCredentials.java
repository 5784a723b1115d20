package dev.cloudtask.auth;

import java.util.Objects;

/**
 * An access key pair for API Gateway signing. The SK and the security token are {@link Secret}s, so
 * {@code toString()} never shows them.
 *
 * @param accessKey the AK (an identifier, sent in the {@code Authorization} header)
 * @param secretKey the SK (only used as the HMAC key, never sent)
 * @param securityToken the security token of temporary credentials, or null for permanent ones;
 *     sent as {@code X-Security-Token}
 * @param projectId the default {@code X-Project-Id}, or null; a project id in the request path wins
 */
public record AkSkCredentials(String accessKey, Secret secretKey, Secret securityToken, String projectId) {
    public AkSkCredentials {
        if (accessKey == null || accessKey.isBlank()) {
            throw new IllegalArgumentException("access key '" + accessKey + "' is blank");
        }
        Objects.requireNonNull(secretKey, "secretKey");
        projectId = projectId == null || projectId.isBlank() ? null : projectId.trim();
    }
}
