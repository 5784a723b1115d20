package dev.cloudtask.auth;

import dev.cloudtask.internal.LenientJson;
import dev.cloudtask.CloudService;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Signs outgoing requests with {@link AkSkSigner} ({@code SDK-HMAC-SHA256}).
 *
 * <p>For each request it sets {@code X-Sdk-Date} (from the injected clock), {@code X-Project-Id}
 * (the project id in the request path, else {@link AkSkCredentials#projectId()}, else none),
 * {@code X-Security-Token} for temporary credentials, and {@code Authorization}. It signs
 * {@code host}, {@code x-sdk-date} and, when sent, {@code x-project-id} and
 * {@code x-security-token}.
 *
 * <p>The query goes out percent-encoded as it is signed ({@code %20} for a space, {@code %2B} for a
 * plus, parameters in request order): a JAX-RS {@code queryParam} writes a space as {@code +},
 * which services may read either way, so the filter rewrites the request URI before signing it.
 *
 * <p>The {@code host} value signed is the request URI's host, plus {@code :port} when the URI names
 * a port other than the scheme's default — what the JDK and most HTTP clients send.
 *
 * <p>Body: the signature covers the exact bytes sent. A {@code byte[]} is signed as is; a
 * {@code String} in the media type's charset (UTF-8 by default); a {@link Form} URL-encoded in
 * UTF-8; any other entity is serialized with JSON-B. The entity is then replaced with those bytes
 * so the wire carries what was signed. Streams cannot be signed and are refused. The progress APIs
 * are bodiless GETs, so in practice the body hash is that of the empty body.
 */
public final class AkSkFilter implements Authenticator {
    /** The request header with the project id. */
    public static final String PROJECT_HEADER = "X-Project-Id";
    /** The request header with the security token of temporary credentials. */
    public static final String SECURITY_TOKEN_HEADER = "X-Security-Token";

    private final AkSkCredentials credentials;
    private final Clock clock;
    private final CloudService service;

    /**
     * @param credentials the AK/SK (and security token) to sign with
     * @param clock the clock for {@code X-Sdk-Date}
     * @param service the service whose request paths carry the project id, or null
     */
    public AkSkFilter(AkSkCredentials credentials, Clock clock, CloudService service) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.service = service;
    }

    @Override
    public void filter(ClientRequestContext ctx) {
        URI uri = wireUri(ctx.getUri());
        if (!uri.equals(ctx.getUri())) {
            ctx.setUri(uri);
        }
        String date = AkSkSigner.sdkDate(clock.instant());
        Map<String, String> signed = new TreeMap<>();
        signed.put("host", hostHeader(uri));
        signed.put("x-sdk-date", date);
        ctx.getHeaders().putSingle(AkSkSigner.DATE_HEADER, date);
        String project = ProjectPaths.projectId(service, uri).orElse(credentials.projectId());
        if (project != null) {
            ctx.getHeaders().putSingle(PROJECT_HEADER, project);
            signed.put("x-project-id", project);
        }
        if (credentials.securityToken() != null) {
            ctx.getHeaders().putSingle(SECURITY_TOKEN_HEADER, credentials.securityToken().reveal());
            signed.put("x-security-token", credentials.securityToken().reveal());
        }
        byte[] body = bodyBytes(ctx);
        AkSkSignature signature = AkSkSigner.sign(ctx.getMethod(), uri, signed, body,
                credentials.accessKey(), credentials.secretKey());
        ctx.getHeaders().putSingle("Authorization", signature.authorization());
    }

    /** AK/SK signatures are made per request; there is nothing to renew. */
    @Override
    public boolean refresh(String projectId) {
        return false;
    }

    /**
     * The URI with its query re-encoded the way it is signed: each name and value decoded
     * ({@code +} as a space) and percent-encoded again, in request order. Unchanged without a query.
     */
    static URI wireUri(URI uri) {
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return uri;
        }
        StringBuilder query = new StringBuilder();
        for (String[] p : AkSkSigner.queryPairs(raw)) {
            if (query.length() > 0) {
                query.append('&');
            }
            query.append(AkSkSigner.encode(p[0])).append('=').append(AkSkSigner.encode(p[1]));
        }
        if (query.toString().equals(raw)) {
            return uri;
        }
        String text = uri.toString();
        int start = text.indexOf('?');
        int fragment = text.indexOf('#', start);
        return URI.create(text.substring(0, start + 1) + query + (fragment < 0 ? "" : text.substring(fragment)));
    }

    /** The {@code Host} header value the HTTP client will send for {@code uri}. */
    static String hostHeader(URI uri) {
        int port = uri.getPort();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean dflt = port == -1 || (port == 443 && scheme.equals("https")) || (port == 80 && scheme.equals("http"));
        return dflt ? uri.getHost() : uri.getHost() + ":" + port;
    }

    private static byte[] bodyBytes(ClientRequestContext ctx) {
        if (!ctx.hasEntity()) {
            return new byte[0];
        }
        Object entity = ctx.getEntity();
        MediaType type = ctx.getMediaType();
        byte[] bytes;
        if (entity instanceof byte[] b) {
            return b;
        } else if (entity instanceof String s) {
            bytes = s.getBytes(charset(type));
        } else if (entity instanceof Form f) {
            bytes = formBytes(f);
        } else if (entity instanceof java.io.InputStream || entity instanceof java.io.Reader
                || entity instanceof jakarta.ws.rs.core.StreamingOutput) {
            throw new IllegalStateException("an AK/SK signed request cannot have a streamed body ("
                    + entity.getClass().getName() + "); pass a String, byte[] or object");
        } else {
            bytes = LenientJson.write(entity).getBytes(StandardCharsets.UTF_8);
            if (type == null) {
                type = MediaType.APPLICATION_JSON_TYPE;
            }
        }
        ctx.setEntity(bytes, ctx.getEntityAnnotations(), type);
        return bytes;
    }

    private static Charset charset(MediaType type) {
        String cs = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
        return cs == null ? StandardCharsets.UTF_8 : Charset.forName(cs);
    }

    private static byte[] formBytes(Form form) {
        StringBuilder sb = new StringBuilder();
        form.asMap().forEach((name, values) -> {
            for (String v : values == null ? List.<String>of() : values) {
                if (sb.length() > 0) {
                    sb.append('&');
                }
                sb.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "AkSkFilter[" + credentials + "]";
    }
}
