package dev.cloudtask.testkit;

import java.util.Objects;

/**
 * The credentials the simulator accepts. {@link #toString()} never shows secrets.
 *
 * @param iamDomain IAM domain (account) name
 * @param iamUser IAM user name
 * @param iamPassword IAM password
 * @param accessKey AK
 * @param secretKey SK
 * @param managerUser MRS Manager user
 * @param managerPassword MRS Manager password
 */
public record SimCredentials(String iamDomain, String iamUser, String iamPassword, String accessKey,
        String secretKey, String managerUser, String managerPassword) {

    /** The credentials used when none are configured. */
    public static final SimCredentials DEFAULTS = new SimCredentials("sim-domain", "sim-user", "sim-password",
            "SIMACCESSKEY0000", "sim-secret-key-0000", "admin", "Admin@123");

    public SimCredentials {
        Objects.requireNonNull(iamDomain, "iamDomain");
        Objects.requireNonNull(iamUser, "iamUser");
        Objects.requireNonNull(iamPassword, "iamPassword");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(managerUser, "managerUser");
        Objects.requireNonNull(managerPassword, "managerPassword");
    }

    @Override
    public String toString() {
        return "SimCredentials[iamDomain=" + iamDomain + ", iamUser=" + iamUser + ", accessKey=" + accessKey
                + ", managerUser=" + managerUser + ", secrets=***]";
    }
}
