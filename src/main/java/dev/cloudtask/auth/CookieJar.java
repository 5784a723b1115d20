package dev.cloudtask.auth;

import java.net.HttpCookie;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A small cookie jar for the login protocols: host-only cookies (ports are not told apart, as in
 * browsers), path matching, {@code Max-Age=0} deletes. A {@code Secure} cookie received over HTTPS
 * is only sent over HTTPS; one received over plain HTTP (a test server) goes back the way it came.
 * Values are {@link Secret}s. Thread-safe.
 */
final class CookieJar {
    private record Stored(String host, String path, String name, Secret value, boolean secure) {
    }

    private final List<Stored> cookies = new ArrayList<>();

    /** Stores the cookies of the {@code Set-Cookie} headers of a response to {@code from}. */
    synchronized void receive(URI from, List<String> setCookieHeaders) {
        for (String header : setCookieHeaders) {
            List<HttpCookie> parsed;
            try {
                parsed = HttpCookie.parse(header);
            } catch (IllegalArgumentException e) {
                continue;
            }
            for (HttpCookie c : parsed) {
                String host = from.getHost().toLowerCase(Locale.ROOT);
                String path = c.getPath() != null ? c.getPath() : defaultPath(from.getPath());
                cookies.removeIf(s -> s.host.equals(host) && s.path.equals(path) && s.name.equals(c.getName()));
                if (c.getMaxAge() != 0 && c.getValue() != null && !c.getValue().isEmpty()) {
                    cookies.add(new Stored(host, path, c.getName(), Secret.of("cookie " + c.getName(), c.getValue()),
                            c.getSecure() && "https".equalsIgnoreCase(from.getScheme())));
                }
            }
        }
    }

    /** The {@code Cookie} header value for a request to {@code to}, if any cookie applies. */
    synchronized Optional<String> header(URI to) {
        String host = to.getHost() == null ? "" : to.getHost().toLowerCase(Locale.ROOT);
        String path = to.getPath() == null || to.getPath().isEmpty() ? "/" : to.getPath();
        boolean https = "https".equalsIgnoreCase(to.getScheme());
        StringBuilder sb = new StringBuilder();
        for (Stored s : cookies) {
            if (s.host.equals(host) && pathMatches(s.path, path) && (https || !s.secure)) {
                if (sb.length() > 0) {
                    sb.append("; ");
                }
                sb.append(s.name).append('=').append(s.value.reveal());
            }
        }
        return sb.length() == 0 ? Optional.empty() : Optional.of(sb.toString());
    }

    /** Whether a cookie of that name is held for {@code host}. */
    synchronized boolean has(String host, String name) {
        return cookies.stream().anyMatch(s -> s.host.equalsIgnoreCase(host) && s.name.equals(name));
    }

    /** Forgets the cookies of that name. */
    synchronized void remove(String name) {
        cookies.removeIf(s -> s.name.equals(name));
    }

    /** Forgets every cookie whose name is not in {@code names}. */
    synchronized void retainOnly(Set<String> names) {
        cookies.removeIf(s -> !names.contains(s.name));
    }

    /** Whether a cookie whose name is not in {@code excluded} would be sent to {@code to}. */
    synchronized boolean sendsOtherThan(URI to, Set<String> excluded) {
        String host = to.getHost() == null ? "" : to.getHost().toLowerCase(Locale.ROOT);
        String path = to.getPath() == null || to.getPath().isEmpty() ? "/" : to.getPath();
        boolean https = "https".equalsIgnoreCase(to.getScheme());
        return cookies.stream().anyMatch(s -> s.host.equals(host) && pathMatches(s.path, path) && (https || !s.secure)
                && !excluded.contains(s.name));
    }

    private static boolean pathMatches(String cookiePath, String requestPath) {
        if (requestPath.equals(cookiePath)) {
            return true;
        }
        if (!requestPath.startsWith(cookiePath)) {
            return false;
        }
        return cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/';
    }

    private static String defaultPath(String requestPath) {
        if (requestPath == null || !requestPath.startsWith("/") || requestPath.lastIndexOf('/') == 0) {
            return "/";
        }
        return requestPath.substring(0, requestPath.lastIndexOf('/'));
    }

    @Override
    public synchronized String toString() {
        return "CookieJar" + cookies.stream().map(s -> s.name + "@" + s.host + s.path).toList();
    }
}
