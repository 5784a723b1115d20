package dev.cloudtask.auth;

/**
 * The result of signing one request with {@link AkSkSigner}.
 *
 * <p>Holds no secret: the signature is a one-way HMAC over one request and the access key is an
 * identifier, so the record's default {@code toString()} is safe.
 *
 * @param signedHeaders the lower-cased, sorted, {@code ;}-separated signed header names
 * @param signature the hex HMAC-SHA256 of the string to sign
 * @param authorization the complete {@code Authorization} header value
 */
public record AkSkSignature(String signedHeaders, String signature, String authorization) {
}
