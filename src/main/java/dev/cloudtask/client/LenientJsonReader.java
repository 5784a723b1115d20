package dev.cloudtask.client;

import dev.cloudtask.CloudService;
import dev.cloudtask.CloudServiceException;
import dev.cloudtask.internal.ErrorBodies;
import dev.cloudtask.internal.LenientJson;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads every successful response of the four clients into its record, through
 * the library's one lenient JSON parser (trailing commas, numbers as strings and the like are tolerated).
 *
 * <p>It accepts any content type for record types, because some services label JSON as
 * {@code text/plain} or send none. A body larger than the cap is not read into memory: the call
 * fails with a {@link CloudServiceException} (HTTP status 0) saying so. The cap is
 * {@value #MAX_BYTES_KEY} from MicroProfile Config when available, else
 * {@link CloudClients#DEFAULT_MAX_RESPONSE_BYTES} (8 MiB); in Java SE pass it to
 * {@link #LenientJsonReader(long)} (the {@code CloudClients} builder does).
 *
 * <p>A body that is not JSON, or not the expected JSON, also fails with a {@link CloudServiceException}
 * (HTTP status 0, so it counts as a transient fault) carrying a readable excerpt of the body. So does
 * a body that breaks off before its announced length (the connection closed mid-body).
 */
@Consumes({MediaType.APPLICATION_JSON, "application/*+json", "text/json", MediaType.TEXT_PLAIN,
        MediaType.TEXT_HTML, MediaType.WILDCARD})
public class LenientJsonReader implements MessageBodyReader<Object> {
    /** MicroProfile Config key of the response size cap, in bytes. */
    public static final String MAX_BYTES_KEY = "cloudtask.max-response-bytes";

    private final long maxBytes;

    /** A reader with the cap from MicroProfile Config ({@value #MAX_BYTES_KEY}) or the default. */
    public LenientJsonReader() {
        this(configuredMaxBytes());
    }

    /**
     * @param maxBytes the largest body read, in bytes
     * @throws IllegalArgumentException when {@code maxBytes} is not positive
     */
    public LenientJsonReader(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException(MAX_BYTES_KEY + " '" + maxBytes + "' must be a positive number of bytes");
        }
        this.maxBytes = maxBytes;
    }

    /** The cap in bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord();
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        CloudService service = serviceOf(type);
        String length = httpHeaders == null ? null : httpHeaders.getFirst(HttpHeaders.CONTENT_LENGTH);
        if (length != null && length.strip().matches("\\d{1,18}") && Long.parseLong(length.strip()) > maxBytes) {
            throw tooLarge(service, httpHeaders);
        }
        byte[] bytes;
        try {
            bytes = LenientJson.readAtMost(entityStream, maxBytes);
        } catch (IOException e) {
            // the service answered, but its body broke off (connection closed before Content-Length)
            throw new CloudServiceException(service, 0, null, "response body could not be read completely ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + ErrorBodies.excerpt(e.getMessage()))
                    + ")", requestId(httpHeaders), null);
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(service, httpHeaders);
        }
        String text = new String(bytes, charset(mediaType));
        try {
            Object value = LenientJson.read(text, genericType == null ? type : genericType);
            if (value == null) {
                throw new JsonbException("empty body");
            }
            return value;
        } catch (JsonbException | ClassCastException e) {
            throw new CloudServiceException(service, 0, null,
                    "response is not a readable " + type.getSimpleName() + ": " + ErrorBodies.excerpt(text),
                    requestId(httpHeaders), null);
        }
    }

    private CloudServiceException tooLarge(CloudService service, MultivaluedMap<String, String> headers) {
        return new CloudServiceException(service, 0, null, "response body is larger than " + maxBytes
                + " bytes (" + MAX_BYTES_KEY + "); not read", requestId(headers), null);
    }

    private static String requestId(MultivaluedMap<String, String> headers) {
        return headers == null ? null : headers.getFirst(CloudErrorMapper.REQUEST_ID);
    }

    /** The charset named by the media type, else UTF-8 (also for an unknown name). */
    static Charset charset(MediaType mediaType) {
        String name = mediaType == null ? null : mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** The service a response record belongs to, from its package ({@code dev.cloudtask.cce} is CCE). */
    static CloudService serviceOf(Class<?> type) {
        String pkg = type.getPackageName();
        String last = pkg.substring(pkg.lastIndexOf('.') + 1).toUpperCase(Locale.ROOT);
        for (CloudService s : CloudService.values()) {
            if (pkg.startsWith("dev.cloudtask.") && s.name().equals(last)) {
                return s;
            }
        }
        return null;
    }

    private static long configuredMaxBytes() {
        String raw;
        try {
            raw = ConfigProvider.getConfig().getOptionalValue(MAX_BYTES_KEY, String.class).orElse(null);
        } catch (RuntimeException | LinkageError e) {
            return LenientJson.DEFAULT_MAX_BYTES;
        }
        if (raw == null || raw.isBlank()) {
            return LenientJson.DEFAULT_MAX_BYTES;
        }
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MAX_BYTES_KEY + " '" + raw + "' must be a positive number of bytes");
        }
    }
}
