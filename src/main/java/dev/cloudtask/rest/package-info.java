/**
 * The JAX-RS providers every client registers: {@link dev.cloudtask.rest.LenientJsonReader} (the one
 * tolerant, size-capped way responses become records) and {@link dev.cloudtask.rest.CloudErrorMapper}
 * (HTTP errors in any body shape become a {@link dev.cloudtask.CloudServiceException}), plus
 * {@link dev.cloudtask.rest.CloudCalls}, which hands that exception to callers unwrapped.
 */
package dev.cloudtask.rest;
