package dev.cloudtask.testkit;

import dev.cloudtask.CloudService;

/** Renders one service's JSON: the progress body, the operation answer, and its error bodies. */
interface ServiceRenderer {

    /** The service this renderer speaks for. */
    CloudService service();

    /** The 200 body of a progress query. */
    byte[] progress(SimTask task, TaskSnapshot snapshot);

    /** The answer to the operation request that created {@code task}. */
    SimResponse submitted(SimTask task, TaskSnapshot snapshot);

    /**
     * An error answer in this service's own shape.
     *
     * @param status the HTTP status
     * @param code the error code, or null for this service's default for {@code status}
     * @param message the message
     */
    SimResponse error(int status, String code, String message);

    /** The renderer of a service. */
    static ServiceRenderer of(CloudService service) {
        return switch (service) {
            case CCE -> CceRenderer.INSTANCE;
            case DCS -> DcsRenderer.INSTANCE;
            case DWS -> DwsRenderer.INSTANCE;
            case MRS -> MrsRenderer.INSTANCE;
        };
    }

    /**
     * The API Gateway's own error body ({@code error_code}, {@code error_msg}), used by CCE, DCS and
     * DWS for authentication failures, throttling ({@code APIGW.0308}) and unknown APIs.
     */
    static SimResponse gatewayError(int status, String code, String message) {
        return SimResponse.json(status, JsonUtil.bytes(JsonUtil.object().add("error_code", code)
                .add("error_msg", message).build()));
    }

    /**
     * The answer the API Gateway gives itself before the service sees the request (an
     * {@code APIGW.*} code, a 401 without a code, a 429 without a code), or null when the error is
     * the service's own.
     */
    static SimResponse gatewayAnswer(int status, String code, String message) {
        if (code != null && code.startsWith("APIGW.") || status == 401 && code == null) {
            return gatewayError(status, code != null ? code : "APIGW.0301", message);
        }
        if (status == 429 && code == null) {
            return gatewayError(status, InjectedFault.APIGW_THROTTLED, message);
        }
        return null;
    }
}
