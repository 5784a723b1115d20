package dev.cloudtask.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The login cookie jar: path matching, Secure handling, deletion, and no values in toString. */
class CookieJarTest {
    private final CookieJar jar = new CookieJar();

    @Test
    void header_cookiesOfTwoPathsOnOneHost_eachSentOnlyUnderItsPath() {
        jar.receive(URI.create("https://m:28443/web/login_check"), List.of("JSESSIONID=s1; Path=/web; Secure; HttpOnly"));
        jar.receive(URI.create("https://m:20009/cas/login"), List.of("CASTGC=TGT-1; Path=/cas; Secure"));

        assertEquals(Optional.of("JSESSIONID=s1"), jar.header(URI.create("https://m:28443/web/v1/common/command/1/progress")));
        assertEquals(Optional.of("CASTGC=TGT-1"), jar.header(URI.create("https://m:20009/cas/login?service=x")));
        assertEquals(Optional.empty(), jar.header(URI.create("https://m:28443/webx")));
        assertEquals(Optional.empty(), jar.header(URI.create("https://other:28443/web/v1")));
    }

    @Test
    void header_secureCookieFromHttps_neverSentOverPlainHttp() {
        jar.receive(URI.create("https://m/web/login_check"), List.of("JSESSIONID=s1; Path=/web; Secure"));

        assertEquals(Optional.empty(), jar.header(URI.create("http://m/web/v1")));
    }

    @Test
    void header_secureCookieFromPlainHttpTestServer_sentBackOverHttp() {
        jar.receive(URI.create("http://127.0.0.1:8080/web/login_check"), List.of("JSESSIONID=s1; Path=/web; Secure"));

        assertEquals(Optional.of("JSESSIONID=s1"), jar.header(URI.create("http://127.0.0.1:8080/web/v1")));
    }

    @Test
    void receive_sameCookieAgainOrMaxAgeZero_replacesOrDeletes() {
        URI login = URI.create("https://m/web/login_check");
        jar.receive(login, List.of("JSESSIONID=s1; Path=/web"));
        jar.receive(login, List.of("JSESSIONID=s2; Path=/web"));
        assertEquals(Optional.of("JSESSIONID=s2"), jar.header(URI.create("https://m/web/x")));

        jar.receive(login, List.of("JSESSIONID=deleted; Path=/web; Max-Age=0"));
        assertFalse(jar.has("m", "JSESSIONID"));
    }

    @Test
    void receive_noPathAttribute_defaultsToTheRequestDirectory() {
        jar.receive(URI.create("https://m/web/login_check"), List.of("JSESSIONID=s1"));

        assertTrue(jar.header(URI.create("https://m/web/v1/x")).isPresent());
        assertFalse(jar.header(URI.create("https://m/cas/login")).isPresent());
    }

    @Test
    void toString_heldCookies_namesOnlyNoValues() {
        jar.receive(URI.create("https://m/web/login_check"), List.of("JSESSIONID=secret-session; Path=/web"));

        assertFalse(jar.toString().contains("secret-session"), jar.toString());
        assertTrue(jar.toString().contains("JSESSIONID"));
    }
}
