/**
 * Authentication for the four services, for operators: IAM tokens, API Gateway AK/SK request
 * signing ({@code SDK-HMAC-SHA256}) and MRS Manager session login, chosen per service with
 * MicroProfile Config ({@code cloudtask.<service>.auth}).
 *
 * <p>Entry points: {@link dev.cloudtask.auth.CloudAuthFilter}, the one JAX-RS client filter the REST
 * clients register; {@link dev.cloudtask.auth.CloudAuth#refresh(dev.cloudtask.CloudService, String)},
 * the HTTP 401 hook; {@link dev.cloudtask.auth.AkSkSigner}, the signature as a pure function.
 * Secrets are held as {@link dev.cloudtask.auth.Secret} and never appear in logs, exception messages
 * or {@code toString()}.
 */
package dev.cloudtask.auth;
