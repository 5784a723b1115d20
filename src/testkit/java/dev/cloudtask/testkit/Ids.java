package dev.cloudtask.testkit;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/** Random ids and secrets in the styles the services use. */
final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** 32 lower-case hex characters (DCS task, DWS job, request ids). */
    static String hex32() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** A random UUID (CCE job ids). */
    static String uuid() {
        return UUID.randomUUID().toString();
    }

    /** A UUID derived from a seed text, stable across polls (sub-job and step ids). */
    static String uuidFrom(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /** An opaque secret of {@code bytes} random bytes, URL-safe base64. */
    static String secret(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        KnownSecrets.register(secret);
        return secret;
    }
}
