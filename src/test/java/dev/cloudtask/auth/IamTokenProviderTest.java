package dev.cloudtask.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The IAM token provider against a loopback token endpoint: the clock is virtual, the HTTP is real.
 * Concurrency tests hold the stub's answer on a latch so that callers overlap.
 */
class IamTokenProviderTest {
    private static final String PROJECT = "0123456789abcdef0123456789abcdef";
    private final TestSupport.MutableClock clock = new TestSupport.MutableClock(Instant.parse("2026-01-10T08:00:00Z"));
    private IamStub stub;
    private IamTokenProvider provider;

    @BeforeEach
    void start() throws Exception {
        stub = new IamStub(clock);
        provider = new IamTokenProvider(settings(IamStub.PASSWORD), clock);
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private IamSettings settings(String password) {
        return new IamSettings(URI.create(stub.url()), IamStub.USER, Secret.of("password", password), IamStub.DOMAIN,
                PROJECT, null, null, Duration.ofSeconds(5), null, "cloudtask.cce.iam");
    }

    @Test
    void token_firstCall_postsPasswordMethodWithProjectScopeAndReturnsSubjectToken() {
        IamToken token = provider.token(null);

        assertEquals(1, stub.tokenRequests());
        assertEquals(stub.issuedTokens.get(0), token.value().reveal());
        assertEquals(clock.instant().plus(Duration.ofHours(24)), token.expiresAt());
        String body = stub.tokenRequestBodies.get(0);
        assertTrue(body.contains("\"methods\":[\"password\"]"), body);
        assertTrue(body.contains("\"domain\":{\"name\":\"" + IamStub.DOMAIN + "\"}"), body);
        assertTrue(body.contains("\"project\":{\"id\":\"" + PROJECT + "\"}"), body);
    }

    @Test
    void token_secondCallWhileFresh_servedFromCache() {
        IamToken first = provider.token(PROJECT);
        clock.advance(Duration.ofHours(23));

        assertSame(first, provider.token(PROJECT));
        assertEquals(1, stub.tokenRequests());
    }

    @Test
    void token_withinRefreshAheadOfExpiry_fetchesNewTokenBeforeItExpires() {
        stub.tokenLife = Duration.ofHours(1);
        IamToken first = provider.token(PROJECT);
        clock.advance(Duration.ofMinutes(49));
        assertSame(first, provider.token(PROJECT), "50 minutes before the 10-minute window: still cached");

        clock.advance(Duration.ofMinutes(2));
        IamToken second = provider.token(PROJECT);

        assertEquals(2, stub.tokenRequests());
        assertNotEquals(first.value(), second.value());
    }

    @Test
    void token_shortLivedToken_refreshedAtHalfItsLife() {
        stub.tokenLife = Duration.ofMinutes(10);
        IamToken first = provider.token(PROJECT);
        clock.advance(Duration.ofMinutes(4));
        assertSame(first, provider.token(PROJECT));

        clock.advance(Duration.ofMinutes(1));
        assertNotEquals(first.value(), provider.token(PROJECT).value());
    }

    @Test
    void token_differentProjects_oneTokenEach() {
        provider.token("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        provider.token("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
        provider.token("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");

        assertEquals(2, stub.tokenRequests());
        assertTrue(stub.tokenRequestBodies.get(1).contains("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"));
    }

    @Test
    void refresh_after401_fetchesOneNewTokenAndRepeatedCallsShareIt() {
        IamToken first = provider.token(PROJECT);
        clock.advance(Duration.ofMinutes(30));

        assertTrue(provider.refresh(PROJECT));
        assertTrue(provider.refresh(PROJECT), "a second 401 right after shares the fresh token");

        assertEquals(2, stub.tokenRequests());
        assertNotEquals(first.value(), provider.token(PROJECT).value());
    }

    @Test
    void token_concurrentCallersWithEmptyCache_exactlyOneTokenRequest() throws Exception {
        assertOneRequestForConcurrentCalls(() -> provider.token(PROJECT).value().reveal());
    }

    @Test
    void refresh_concurrentCallersAfter401_exactlyOneTokenRequest() throws Exception {
        provider.token(PROJECT);
        clock.advance(Duration.ofHours(1));
        int before = stub.tokenRequests();

        assertOneRequestForConcurrentCalls(() -> provider.refresh(PROJECT) ? provider.token(PROJECT).value().reveal() : "");

        assertEquals(before + 1, stub.tokenRequests());
    }

    private void assertOneRequestForConcurrentCalls(Supplier<String> call) throws Exception {
        int threads = 8;
        int before = stub.tokenRequests();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch ready = new CountDownLatch(threads);
        stub.holdTokenRequests = release;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    ready.countDown();
                    return call.get();
                }));
            }
            assertTrue(ready.await(10, TimeUnit.SECONDS));
            release.countDown();
            String expected = results.get(0).get(10, TimeUnit.SECONDS);
            for (Future<String> f : results) {
                assertEquals(expected, f.get(10, TimeUnit.SECONDS));
            }
            assertEquals(before + 1, stub.tokenRequests());
            assertEquals(stub.issuedTokens.get(stub.issuedTokens.size() - 1), expected);
        } finally {
            stub.holdTokenRequests = null;
            pool.shutdownNow();
        }
    }

    @Test
    void token_wrongPassword_rejectedWithClearMessageAndNotRetried() {
        IamTokenProvider wrong = new IamTokenProvider(settings("not-the-password"), clock);

        CloudAuthException e = assertThrows(CloudAuthException.class, () -> wrong.token(PROJECT));
        assertTrue(e.isRejected());
        assertTrue(e.getMessage().contains("refused a token for user '" + IamStub.USER + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
        assertTrue(e.getMessage().contains("The username or password is wrong."), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-password"));

        assertSame(e, assertThrows(CloudAuthException.class, () -> wrong.token(PROJECT)));
        assertSame(e, assertThrows(CloudAuthException.class, () -> wrong.refresh(PROJECT)));
        assertEquals(1, stub.tokenRequests(), "a refused login is not repeated");
    }

    @Test
    void token_iamUnreachableButOldTokenStillValid_keepsOldToken() {
        stub.tokenLife = Duration.ofHours(1);
        IamToken first = provider.token(PROJECT);
        stub.close();
        clock.advance(Duration.ofMinutes(55));

        assertSame(first, provider.token(PROJECT));
        clock.advance(Duration.ofMinutes(6));
        CloudAuthException e = assertThrows(CloudAuthException.class, () -> provider.token(PROJECT));
        assertFalse(e.isRejected());
    }

    @Test
    void token_noProjectAnywhere_failsNamingTheProjectKeys() {
        IamTokenProvider noProject = new IamTokenProvider(new IamSettings(URI.create(stub.url()), IamStub.USER,
                Secret.of("p", IamStub.PASSWORD), IamStub.DOMAIN, null, null, null, null, null, "cloudtask.cce.iam"), clock);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> noProject.token(null));
        assertTrue(e.getMessage().contains("cloudtask.cce.iam.project-id"), e.getMessage());
    }

    @Test
    void token_projectByName_scopesByName() {
        IamTokenProvider byName = new IamTokenProvider(new IamSettings(URI.create(stub.url() + "/v3/"), IamStub.USER,
                Secret.of("p", IamStub.PASSWORD), IamStub.DOMAIN, null, "eu-de", null, null, null, null), clock);

        byName.token(null);

        assertTrue(stub.tokenRequestBodies.get(0).contains("\"project\":{\"name\":\"eu-de\"}"));
    }

    @Test
    void token_serviceClockThreeHoursAhead_lifeTakenFromServiceClockOneTokenPerRefreshIntervalOneWarning() {
        stub.serviceSkew = Duration.ofHours(3);
        try (dev.cloudtask.batch.LogCapture log = new dev.cloudtask.batch.LogCapture("dev.cloudtask.auth")) {
            IamToken first = provider.token(PROJECT);
            assertEquals(clock.instant().plus(Duration.ofHours(24)), first.expiresAt(), "24 h from now on this clock");
            for (int minute = 5; minute <= 48 * 60; minute += 5) {
                clock.advance(Duration.ofMinutes(5));
                provider.token(PROJECT);
            }
            // renewed 10 minutes ahead of each 24 h life: at 0, 23:50 and 47:40
            assertEquals(3, stub.tokenRequests());
            List<String> warnings = log.messages(java.util.logging.Level.WARNING);
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("2026-01-10T11:00:00Z") && warnings.get(0).contains("2026-01-10T08:00:00Z"),
                    "both times: " + warnings.get(0));
        }
    }

    @Test
    void token_expiresAtBeforeIssuedAt_atMostOneTokenPerMinimumRefreshInterval() {
        stub.tokenLife = Duration.ofMinutes(-5);
        for (int second = 0; second < 300; second += 10) {
            provider.token(PROJECT);
            clock.advance(Duration.ofSeconds(10));
        }
        assertEquals(5, stub.tokenRequests(), "one per minute over five minutes, not one per call");
    }

    @Test
    void token_endpointAnswers404_finalErrorNamingUrlAndStatusAskedOnce() {
        IamTokenProvider wrong = new IamTokenProvider(new IamSettings(URI.create(stub.url() + "/iam"), IamStub.USER,
                Secret.of("password", IamStub.PASSWORD), IamStub.DOMAIN, PROJECT, null, null, Duration.ofSeconds(5),
                null, "cloudtask.cce.iam"), clock);

        CloudAuthException e = assertThrows(CloudAuthException.class, () -> wrong.token(PROJECT));
        assertTrue(e.isRejected());
        assertTrue(e.getMessage().contains(stub.url() + "/iam/v3/auth/tokens"), e.getMessage());
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        assertTrue(e.getMessage().contains("cloudtask.cce.iam.url"), e.getMessage());
        assertSame(e, assertThrows(CloudAuthException.class, () -> wrong.token(PROJECT)));
        assertEquals(0, stub.tokenRequests(), "the stub's token path was never reached");
    }

    @Test
    void token_expiresAtWithOffsetAndMicroseconds_readLikeEveryServiceTime() {
        stub.expiresAtText = "2026-01-11T10:00:00.123456+02:00";

        assertEquals(Instant.parse("2026-01-11T08:00:00.123456Z"), provider.token(PROJECT).expiresAt());
    }

    @Test
    void token_expiresAtNotATime_failsNamingTheFieldAndValue() {
        stub.expiresAtText = "next tuesday";

        CloudAuthException e = assertThrows(CloudAuthException.class, () -> provider.token(PROJECT));
        assertFalse(e.isRejected());
        assertTrue(e.getMessage().contains("token.expires_at 'next tuesday'"), e.getMessage());
    }
}
