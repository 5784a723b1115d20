package dev.cloudtask.testkit;

/** How the simulator authenticates calls to the CCE, DCS and DWS endpoints. */
public enum SimAuthMode {
    /** No credentials needed. */
    NONE,
    /** {@code X-Auth-Token} must carry an unexpired token from {@code POST /v3/auth/tokens} (or {@link CloudSimulator#issueToken()}). */
    IAM_TOKEN,
    /** The request must carry a valid {@code SDK-HMAC-SHA256} signature ({@code Authorization} + {@code X-Sdk-Date}). */
    AKSK,
    /** Either of the two, as the real services accept. */
    IAM_TOKEN_OR_AKSK
}
