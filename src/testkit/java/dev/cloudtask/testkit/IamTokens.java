package dev.cloudtask.testkit;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The IAM token service: {@code POST /v3/auth/tokens} with the password method and a project scope
 * answers 201, the token in {@code X-Subject-Token} and {@code {"token":{"expires_at":...}}}.
 * Tokens live {@code lifetime} on the simulator's clock.
 */
final class IamTokens {
    /** Result of checking an {@code X-Auth-Token}. */
    enum Check { VALID, MISSING, UNKNOWN, EXPIRED }

    private final Clock clock;
    private final SimCredentials credentials;
    private final String defaultProjectId;
    private volatile Duration lifetime;
    private volatile Duration skew = Duration.ZERO;
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();

    IamTokens(Clock clock, SimCredentials credentials, Duration lifetime, String defaultProjectId) {
        this.clock = clock;
        this.credentials = credentials;
        this.lifetime = lifetime;
        this.defaultProjectId = defaultProjectId;
    }

    void lifetime(Duration value) {
        this.lifetime = value;
    }

    /** How far the token service's own clock runs ahead of the simulator's (negative: behind). */
    void clockSkew(Duration value) {
        this.skew = value;
    }

    /** Issues a token valid for the configured lifetime from now. */
    String issue() {
        String token = "MIIsim" + Ids.secret(96);
        KnownSecrets.register(token);
        expiries.put(token, clock.instant().plus(lifetime));
        return token;
    }

    Check check(String token) {
        if (token == null || token.isBlank()) {
            return Check.MISSING;
        }
        Instant exp = expiries.get(token);
        if (exp == null) {
            return Check.UNKNOWN;
        }
        return clock.instant().isBefore(exp) ? Check.VALID : Check.EXPIRED;
    }

    /** Makes every issued token expired. */
    void expireAll() {
        Instant past = clock.instant().minusSeconds(1);
        expiries.replaceAll((k, v) -> past);
    }

    /** Handles {@code POST /v3/auth/tokens}. */
    SimResponse handle(SimRequest req) {
        JsonObject body;
        try {
            body = JsonUtil.parseObject(req.body());
        } catch (IllegalArgumentException e) {
            return keystoneError(400, "Bad Request", "The request body is not a valid token request.");
        }
        JsonObject identity = objectAt(body, "auth", "identity");
        JsonArray methods = identity == null ? null : identity.getJsonArray("methods");
        if (methods == null || !methods.contains(jakarta.json.Json.createValue("password"))) {
            return keystoneError(400, "Bad Request", "Only the password method is supported.");
        }
        String name = JsonUtil.path(identity, "password", "user", "name");
        String password = JsonUtil.path(identity, "password", "user", "password");
        String domain = JsonUtil.path(identity, "password", "user", "domain", "name");
        if (name == null || password == null) {
            return keystoneError(400, "Bad Request", "User name and password are required.");
        }
        if (!name.equals(credentials.iamUser()) || !password.equals(credentials.iamPassword())
                || (domain != null && !domain.equals(credentials.iamDomain()))) {
            return keystoneError(401, "Unauthorized", "The username or password is wrong.");
        }
        String projectId = JsonUtil.path(body, "auth", "scope", "project", "id");
        String projectName = JsonUtil.path(body, "auth", "scope", "project", "name");
        if (projectId == null && projectName == null) {
            return keystoneError(400, "Bad Request", "A project scope (id or name) is required.");
        }
        Duration serviceSkew = skew;
        Instant now = clock.instant();
        String token = issue();
        JsonObject domainJson = JsonUtil.object().add("name", credentials.iamDomain())
                .add("id", Ids.uuidFrom("domain:" + credentials.iamDomain()).replace("-", "")).build();
        JsonObject tokenJson = JsonUtil.object()
                .add("expires_at", TimeFormats.iam(expiries.get(token).plus(serviceSkew)))
                .add("issued_at", TimeFormats.iam(now.plus(serviceSkew)))
                .add("methods", JsonUtil.array().add("password"))
                .add("user", JsonUtil.object().add("name", name)
                        .add("id", Ids.uuidFrom("user:" + name).replace("-", "")).add("domain", domainJson))
                .add("project", JsonUtil.object()
                        .add("name", projectName != null ? projectName : "sim-region_project")
                        .add("id", projectId != null ? projectId : defaultProjectId).add("domain", domainJson))
                .add("catalog", JsonUtil.array())
                .build();
        return SimResponse.json(201, JsonUtil.bytes(JsonUtil.object().add("token", tokenJson).build()))
                .header("X-Subject-Token", token)
                .header("Date", TimeFormats.HTTP.format(now.plus(serviceSkew)));
    }

    private static JsonObject objectAt(JsonObject root, String... keys) {
        JsonValue v = root;
        for (String k : keys) {
            if (v == null || v.getValueType() != JsonValue.ValueType.OBJECT) {
                return null;
            }
            v = v.asJsonObject().get(k);
        }
        return v != null && v.getValueType() == JsonValue.ValueType.OBJECT ? v.asJsonObject() : null;
    }

    /** An IAM (Keystone-style) error body. */
    static SimResponse keystoneError(int status, String title, String message) {
        JsonObject err = JsonUtil.object().add("error", JsonUtil.object().add("code", status)
                .add("title", title).add("message", message)).build();
        return SimResponse.json(status, JsonUtil.bytes(err));
    }
}
