package dev.cloudtask.testkit;

import dev.cloudtask.CloudService;

/**
 * The authentication gate in front of the service endpoints: the configured {@link SimAuthMode} for
 * CCE, DCS and DWS, and the Manager session for MRS when required. A rejected request gets 401 in
 * the service's own shape (API Gateway {@code APIGW.0301} for CCE/DCS/DWS, MRS {@code 12002}).
 */
final class SimAuth {
    private final SimAuthMode mode;
    private final IamTokens tokens;
    private final AkSkVerifier verifier;
    private final ManagerLogin manager;
    private final boolean managerSessionRequired;

    SimAuth(SimAuthMode mode, IamTokens tokens, AkSkVerifier verifier, ManagerLogin manager,
            boolean managerSessionRequired) {
        this.mode = mode;
        this.tokens = tokens;
        this.verifier = verifier;
        this.manager = manager;
        this.managerSessionRequired = managerSessionRequired;
    }

    /** Null when the request may pass, else the 401 answer (with a journal note, never a secret). */
    SimResponse check(SimRequest req, CloudService service) {
        if (service == CloudService.MRS) {
            if (!managerSessionRequired) {
                return null;
            }
            ManagerLogin.Check c = manager.check(req.cookie("JSESSIONID"));
            return c == ManagerLogin.Check.VALID ? null
                    : MrsRenderer.error(401, ManagerLogin.ERR_SESSION_EXPIRED, "Session expired.")
                            .note("auth:session-" + c.name().toLowerCase(java.util.Locale.ROOT));
        }
        return switch (mode) {
            case NONE -> null;
            case IAM_TOKEN -> token(req);
            case AKSK -> signature(req);
            case IAM_TOKEN_OR_AKSK -> req.header("x-auth-token") != null || req.header("authorization") == null
                    ? token(req) : signature(req);
        };
    }

    private SimResponse token(SimRequest req) {
        IamTokens.Check c = tokens.check(req.header("x-auth-token"));
        if (c == IamTokens.Check.VALID) {
            return null;
        }
        String why = switch (c) {
            case MISSING -> "no token in the request";
            case EXPIRED -> "token expired";
            default -> "token invalid";
        };
        return ServiceRenderer.gatewayError(401, "APIGW.0301", "Incorrect IAM authentication information: " + why)
                .note("auth:token-" + c.name().toLowerCase(java.util.Locale.ROOT));
    }

    private SimResponse signature(SimRequest req) {
        AkSkVerifier.Result r = verifier.verify(req.method(), req.rawPath(), req.rawQuery(), req.headers(), req.body());
        if (r.valid()) {
            return null;
        }
        return ServiceRenderer.gatewayError(401, "APIGW.0301",
                "Incorrect IAM authentication information: verify aksk signature fail (" + r.reason() + ")")
                .note("auth:aksk " + r.reason());
    }
}
