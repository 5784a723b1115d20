package dev.cloudtask.client;

import dev.cloudtask.CloudService;
import dev.cloudtask.CloudServiceException;
import dev.cloudtask.internal.ErrorBodies;
import dev.cloudtask.internal.LenientJson;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Turns every HTTP error response (status 400 and above) of a client into a
 * {@link CloudServiceException}: the body through the one error-body parser of the library,
 * plus {@code X-Request-Id} and {@code Retry-After} (seconds or HTTP-date).
 *
 * <p>At most {@value #MAX_ERROR_BYTES} bytes of an error body are read. Each client registers the
 * subclass for its service ({@link Cce}, {@link Dcs}, {@link Dws}, {@link Mrs}), so the exception
 * names the service. The priority ({@value #PRIORITY}) puts it ahead of the MicroProfile default mapper.
 */
public abstract class CloudErrorMapper implements ResponseExceptionMapper<CloudServiceException> {
    /** The response header that carries the request id. */
    public static final String REQUEST_ID = "X-Request-Id";
    /** Largest error body read. */
    public static final int MAX_ERROR_BYTES = 64 * 1024;
    /** This mapper's priority (lower runs first; the MicroProfile default mapper has Integer.MAX_VALUE). */
    public static final int PRIORITY = 1000;

    private final CloudService service;

    protected CloudErrorMapper(CloudService service) {
        this.service = service;
    }

    @Override
    public CloudServiceException toThrowable(Response response) {
        String body = readBody(response);
        return ErrorBodies.toException(service, response.getStatus(), body,
                response.getHeaderString(REQUEST_ID), response.getHeaderString("Retry-After"), Instant.now());
    }

    @Override
    public boolean handles(int status, jakarta.ws.rs.core.MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    private static String readBody(Response response) {
        if (!response.hasEntity()) {
            return null;
        }
        try (InputStream in = response.readEntity(InputStream.class)) {
            byte[] bytes = LenientJson.readAtMost(in, MAX_ERROR_BYTES);
            return new String(bytes, 0, Math.min(bytes.length, MAX_ERROR_BYTES), LenientJsonReader.charset(response.getMediaType()));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The mapper registered on the CCE client. */
    public static final class Cce extends CloudErrorMapper {
        public Cce() {
            super(CloudService.CCE);
        }
    }

    /** The mapper registered on the DCS client. */
    public static final class Dcs extends CloudErrorMapper {
        public Dcs() {
            super(CloudService.DCS);
        }
    }

    /** The mapper registered on the DWS client. */
    public static final class Dws extends CloudErrorMapper {
        public Dws() {
            super(CloudService.DWS);
        }
    }

    /** The mapper registered on the MRS Manager client. */
    public static final class Mrs extends CloudErrorMapper {
        public Mrs() {
            super(CloudService.MRS);
        }
    }
}
