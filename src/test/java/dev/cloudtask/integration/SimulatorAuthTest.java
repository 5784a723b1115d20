package dev.cloudtask.integration;

import dev.cloudtask.client.CloudCalls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.CloudServiceException;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskState;
import dev.cloudtask.auth.CloudAuth;
import dev.cloudtask.auth.CloudAuthException;
import dev.cloudtask.batch.LogCapture;
import dev.cloudtask.client.RestTaskStatusSource;
import dev.cloudtask.testkit.SimAuthMode;
import dev.cloudtask.testkit.CloudSimulator;
import dev.cloudtask.testkit.Endpoint;
import dev.cloudtask.testkit.JournalEntry;
import dev.cloudtask.testkit.Timeline;
import dev.cloudtask.testkit.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Authentication against the simulator: the library's AK/SK signatures verified by the simulator's own
 * verifier, IAM tokens from its token endpoint with expiry, 401 renewal and concurrent renewal, and
 * the MRS Manager session (direct and CAS) with expiry and a wrong password. All over real HTTP; the
 * simulator and the library share one virtual clock.
 */
class SimulatorAuthTest {
    private final VirtualClock clock = VirtualClock.create();
    private CloudSimulator sim;

    @BeforeEach
    void start() {
        sim = CloudSimulator.builder().clock(clock).auth(SimAuthMode.IAM_TOKEN_OR_AKSK).managerSessionRequired(true)
                .tokenLifetime(Duration.ofHours(1)).sessionLifetime(Duration.ofMinutes(10)).start();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private TaskRef task(CloudService service) {
        return sim.createTask(service, Timeline.builder().duration(Duration.ofHours(3)).build());
    }

    private List<JournalEntry> journal(Endpoint endpoint) {
        return sim.journal().entries(e -> e.endpoint() == endpoint);
    }

    private static CloudAuthException rejection(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CloudAuthException e) {
                return e;
            }
        }
        throw new AssertionError("no CloudAuthException in " + t, t);
    }

    // ---- AK/SK ----

    @Test
    void aksk_librarySignsEveryGatewayService_simulatorVerifierAccepts() {
        AuthWiring.HeaderRecorder sent = new AuthWiring.HeaderRecorder();
        RestTaskStatusSource source = AuthWiring.source(sim,
                AuthWiring.auth(AuthWiring.aksk(sim, sim.credentials().secretKey()), clock), sent);
        for (CloudService service : AuthWiring.gatewayServices()) {
            TaskRef ref = task(service);
            assertEquals(TaskState.RUNNING, Polls.status(source, ref).state(), service.id());
            assertTrue(sent.last().authorization().startsWith("SDK-HMAC-SHA256 Access=" + sim.credentials().accessKey()
                    + ", SignedHeaders="), sent.last().authorization());
            assertNull(sent.last().token(), "one credential per request");
        }
        assertEquals(List.of(200, 200, 200), journal(Endpoint.POLL).stream().map(JournalEntry::status).toList());
    }

    @Test
    void aksk_wrongSecretKey_rejectedWith401ByVerifier() {
        RestTaskStatusSource source = AuthWiring.source(sim, AuthWiring.auth(AuthWiring.aksk(sim, "not-the-sk"), clock));
        for (CloudService service : AuthWiring.gatewayServices()) {
            CloudServiceException e = Polls.serviceError(source, task(service));
            assertEquals(401, e.httpStatus(), service.id());
            assertEquals("APIGW.0301", e.errorCode());
            assertFalse(source.refreshCredentials(task(service)), "AK/SK has nothing to renew");
        }
        assertTrue(journal(Endpoint.POLL).stream().allMatch(e -> e.status() == 401
                && e.note() != null && e.note().contains("signature")), journal(Endpoint.POLL).toString());
    }

    // ---- explicit filter next to the interfaces' @RegisterProvider(CloudAuthFilter.class) ----

    @Test
    void explicitFilter_applicationConfigHasOtherCredential_onlyExplicitOneSent() throws Exception {
        // the application's config (what the annotation-registered filter reads) says: static token
        var appConfig = AuthWiring.config(java.util.Map.of("cloudtask.cce.auth", "token",
                "cloudtask.cce.token", "application-token"));
        ClassLoader app = new java.net.URLClassLoader(new java.net.URL[0], getClass().getClassLoader());
        var resolver = org.eclipse.microprofile.config.spi.ConfigProviderResolver.instance();
        resolver.registerConfig(appConfig, app);
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(app);
        try {
            AuthWiring.HeaderRecorder sent = new AuthWiring.HeaderRecorder();
            CloudAuth explicit = AuthWiring.auth(AuthWiring.aksk(sim, sim.credentials().secretKey()), clock);
            var clients = Polls.clients(sim).register(new dev.cloudtask.auth.CloudAuthFilter(null, explicit))
                    .register(sent).build();
            TaskRef ref = task(CloudService.CCE);
            CloudCalls.job(clients.cce(), ref.projectId(), ref.taskId());
            assertNull(sent.last().token(), "the application's token must not be added next to the signature");
            assertNotNull(sent.last().authorization());
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
            resolver.releaseConfig(appConfig);
        }
    }

    @Test
    void twoAuthFiltersBothRegistered_applicationOneRunsSecond_stepsAside() throws Exception {
        var appConfig = AuthWiring.config(java.util.Map.of("cloudtask.cce.auth", "token",
                "cloudtask.cce.token", "application-token"));
        ClassLoader app = new java.net.URLClassLoader(new java.net.URL[0], getClass().getClassLoader());
        var resolver = org.eclipse.microprofile.config.spi.ConfigProviderResolver.instance();
        resolver.registerConfig(appConfig, app);
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(app);
        try {
            AuthWiring.HeaderRecorder sent = new AuthWiring.HeaderRecorder();
            CloudAuth explicit = AuthWiring.auth(AuthWiring.aksk(sim, sim.credentials().secretKey()), clock);
            // a second filter class, so that no implementation can drop it as a duplicate registration
            var applicationFilter = new dev.cloudtask.auth.CloudAuthFilter() {
            };
            var clients = Polls.clients(sim).register(new dev.cloudtask.auth.CloudAuthFilter(null, explicit))
                    .register(applicationFilter).register(sent).build();
            TaskRef ref = task(CloudService.CCE);
            assertEquals(TaskState.RUNNING, dev.cloudtask.cce.CceStatusMapping.toStatus(
                    CloudCalls.job(clients.cce(), ref.projectId(), ref.taskId())).state());
            assertNull(sent.last().token(), "the application filter stepped aside");
            assertTrue(sent.last().authorization().startsWith("SDK-HMAC-SHA256"));
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
            resolver.releaseConfig(appConfig);
        }
    }

    // ---- IAM ----

    @Test
    void iam_tokenFromSimulator_oneTokenServesAllGatewayServices() {
        AuthWiring.HeaderRecorder sent = new AuthWiring.HeaderRecorder();
        RestTaskStatusSource source = AuthWiring.source(sim,
                AuthWiring.auth(AuthWiring.iam(sim, sim.credentials().iamPassword()), clock), sent);
        for (CloudService service : AuthWiring.gatewayServices()) {
            assertEquals(TaskState.RUNNING, Polls.status(source, task(service)).state(), service.id());
            assertNotNull(sent.last().token());
            assertNull(sent.last().authorization());
        }
        assertEquals(List.of(201), journal(Endpoint.IAM_TOKEN).stream().map(JournalEntry::status).toList());
    }

    @Test
    void iam_tokenRevokedMidWait_401ThenRefreshThenNextPollSucceeds() {
        CloudAuth auth = AuthWiring.auth(AuthWiring.iam(sim, sim.credentials().iamPassword()), clock);
        RestTaskStatusSource source = AuthWiring.source(sim, auth);
        TaskRef ref = task(CloudService.DCS);
        assertEquals(TaskState.RUNNING, Polls.status(source, ref).state());
        sim.expireTokens();
        clock.advance(Duration.ofSeconds(30));
        CloudServiceException e = Polls.serviceError(source, ref);
        assertEquals(401, e.httpStatus());
        assertEquals("APIGW.0301", e.errorCode());
        assertTrue(source.refreshCredentials(ref));
        assertEquals(TaskState.RUNNING, Polls.status(source, ref).state());
        assertEquals(2, journal(Endpoint.IAM_TOKEN).size());
        assertEquals(List.of(200, 401, 200), journal(Endpoint.POLL).stream().map(JournalEntry::status).toList());
    }

    @Test
    void iam_tokenLifetimeEndsOnSharedClock_renewedAheadWithout401() {
        RestTaskStatusSource source = AuthWiring.source(sim,
                AuthWiring.auth(AuthWiring.iam(sim, sim.credentials().iamPassword()), clock));
        TaskRef ref = task(CloudService.CCE);
        for (int minute = 0; minute <= 150; minute += 5) {
            assertEquals(TaskState.RUNNING, Polls.status(source, ref).state(), "minute " + minute);
            clock.advance(Duration.ofMinutes(5));
        }
        assertTrue(journal(Endpoint.POLL).stream().allMatch(e -> e.status() == 200));
        int tokens = journal(Endpoint.IAM_TOKEN).size();
        assertTrue(tokens >= 3 && tokens <= 6, "a 1 h token renewed ahead over 2.5 h: " + tokens);
    }

    @Test
    void iam_tokenServiceClockTwoHoursBehind_oneWarningAndOneTokenPerRefreshInterval() {
        // expires_at of every 1 h token lies an hour in the past by the library's clock
        sim.iamClockSkew(Duration.ofHours(-2));
        CloudAuth auth = AuthWiring.auth(AuthWiring.iam(sim, sim.credentials().iamPassword()), clock);
        RestTaskStatusSource source = AuthWiring.source(sim, auth);
        TaskRef ref = task(CloudService.DWS);
        try (LogCapture log = new LogCapture("dev.cloudtask.auth")) {
            for (int minute = 0; minute <= 150; minute += 5) {
                assertEquals(TaskState.RUNNING, Polls.status(source, ref).state(), "minute " + minute);
                clock.advance(Duration.ofMinutes(5));
            }
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(1, warnings.size(), "one warning for 31 polls: " + warnings);
            assertTrue(warnings.get(0).contains("clocks differ by 2h"), warnings.get(0));
            assertTrue(warnings.get(0).contains(clock.instant().minus(Duration.ofMinutes(155)).toString()),
                    "names this machine's time: " + warnings.get(0));
        }
        assertTrue(journal(Endpoint.POLL).stream().allMatch(e -> e.status() == 200), "never a 401");
        // a 1 h token renewed 10 min ahead: at minute 0, 50, 100 and 150 (31 polls over 150 minutes)
        assertEquals(4, journal(Endpoint.IAM_TOKEN).size());
    }

    @Test
    void iam_libraryClockFortyMinutesBehind_tokenRenewedOnTimeWithout401() {
        java.time.Clock lagging = java.time.Clock.offset(clock, Duration.ofMinutes(-40));
        CloudAuth auth = AuthWiring.auth(AuthWiring.iam(sim, sim.credentials().iamPassword()), lagging);
        RestTaskStatusSource source = AuthWiring.source(sim, auth);
        TaskRef ref = task(CloudService.DWS);
        assertEquals(TaskState.RUNNING, Polls.status(source, ref).state());
        clock.advance(Duration.ofMinutes(55));
        assertEquals(TaskState.RUNNING, Polls.status(source, ref).state(), "renewed before IAM's expiry, no 401");
        assertEquals(2, journal(Endpoint.IAM_TOKEN).size());
        assertTrue(journal(Endpoint.POLL).stream().allMatch(e -> e.status() == 200));
    }

    @Test
    void iam_tokenRevokedEarly_401ThenRefreshThenSucceeds() {
        CloudAuth auth = AuthWiring.auth(AuthWiring.iam(sim, sim.credentials().iamPassword()), clock);
        RestTaskStatusSource source = AuthWiring.source(sim, auth);
        TaskRef ref = task(CloudService.DWS);
        assertEquals(TaskState.RUNNING, Polls.status(source, ref).state());
        sim.expireTokens();
        clock.advance(Duration.ofMinutes(1));
        assertEquals(401, Polls.serviceError(source, ref).httpStatus());
        assertTrue(source.refreshCredentials(ref));
        assertEquals(TaskState.RUNNING, Polls.status(source, ref).state());
        assertEquals(2, journal(Endpoint.IAM_TOKEN).size());
    }

    @Test
    void iam_concurrentWaitsHitBy401_oneTokenRequest() throws Exception {
        CloudAuth auth = AuthWiring.auth(AuthWiring.iam(sim, sim.credentials().iamPassword()), clock);
        RestTaskStatusSource source = AuthWiring.source(sim, auth);
        List<TaskRef> refs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            refs.add(task(CloudService.CCE));
        }
        refs.forEach(r -> Polls.status(source, r));
        sim.expireTokens();
        clock.advance(Duration.ofSeconds(30));
        refs.forEach(r -> assertEquals(401, Polls.serviceError(source, r).httpStatus()));
        int before = journal(Endpoint.IAM_TOKEN).size();
        ExecutorService pool = Executors.newFixedThreadPool(refs.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (TaskRef r : refs) {
                results.add(pool.submit(() -> {
                    go.await();
                    return source.refreshCredentials(r);
                }));
            }
            go.countDown();
            for (Future<Boolean> f : results) {
                assertTrue(f.get(20, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(before + 1, journal(Endpoint.IAM_TOKEN).size(), "concurrent refreshes share one token request");
        refs.forEach(r -> assertEquals(TaskState.RUNNING, Polls.status(source, r).state()));
    }

    @Test
    void iam_wrongPassword_clearRejectionAndNoRetryLoop() {
        CloudAuth auth = AuthWiring.auth(AuthWiring.iam(sim, "wrong-iam-password"), clock);
        RestTaskStatusSource source = AuthWiring.source(sim, auth);
        TaskRef ref = task(CloudService.CCE);
        CloudAuthException first = rejection(Polls.failure(source, ref));
        assertTrue(first.isRejected());
        assertTrue(first.getMessage().contains(sim.credentials().iamUser()), first.getMessage());
        assertTrue(first.getMessage().contains("cloudtask."), "names the keys to check: " + first.getMessage());
        assertFalse(first.getMessage().contains("wrong-iam-password"));
        clock.advance(Duration.ofMinutes(1));
        assertTrue(rejection(Polls.failure(source, ref)).isRejected());
        assertThrows(CloudAuthException.class, () -> source.refreshCredentials(ref));
        assertEquals(1, journal(Endpoint.IAM_TOKEN).size(), "the refused password is not sent again");
        assertEquals(0, journal(Endpoint.POLL).size(), "no poll without a credential");
    }

    // ---- MRS Manager session ----

    private static final String LOGIN_CHECK = "GET /web/v1/access/login_check";

    @Test
    void mrsNormalCluster_loginCheckThenSessionExpires_401ThenReloginThenSucceeds() {
        RestTaskStatusSource source = AuthWiring.source(sim,
                AuthWiring.auth(AuthWiring.mrs(sim, "direct", sim.credentials().managerPassword()), clock));
        TaskRef ref = task(CloudService.MRS);
        assertEquals(TaskState.RUNNING, Polls.status(source, ref).state());
        clock.advance(Duration.ofMinutes(11));
        CloudServiceException e = Polls.serviceError(source, ref);
        assertEquals(401, e.httpStatus());
        assertEquals("12002", e.errorCode());
        assertTrue(source.refreshCredentials(ref));
        assertEquals(TaskState.RUNNING, Polls.status(source, ref).state());
        assertEquals(List.of(LOGIN_CHECK, LOGIN_CHECK), logins());
        sim.expireSessions();
        clock.advance(Duration.ofSeconds(30));
        assertEquals(401, Polls.serviceError(source, ref).httpStatus());
        assertTrue(source.refreshCredentials(ref));
        assertEquals(TaskState.RUNNING, Polls.status(source, ref).state());
        assertEquals(3, logins().size());
    }

    @Test
    void mrsSecurityCluster_documentedCasLoginThenSessionExpires_reloginWithTicketGrantingCookie() {
        sim.managerSecurityCluster(true);
        RestTaskStatusSource source = AuthWiring.source(sim,
                AuthWiring.auth(AuthWiring.mrs(sim, "cas", sim.credentials().managerPassword()), clock));
        TaskRef ref = task(CloudService.MRS);
        assertEquals(TaskState.RUNNING, Polls.status(source, ref).state());
        List<String> first = logins();
        assertEquals(List.of("GET /cas/login", "POST /cas/login", LOGIN_CHECK, "GET /cas/login",
                "GET /web/cas_security_check.htm", LOGIN_CHECK), first);
        sim.expireSessions();
        clock.advance(Duration.ofSeconds(30));
        assertEquals(401, Polls.serviceError(source, ref).httpStatus());
        assertTrue(source.refreshCredentials(ref));
        assertEquals(TaskState.RUNNING, Polls.status(source, ref).state());
        List<String> again = logins().subList(first.size(), logins().size());
        assertEquals(List.of(LOGIN_CHECK, "GET /cas/login", "GET /web/cas_security_check.htm", LOGIN_CHECK), again,
                "the CASTGC is reused, the password not sent again");
    }

    @Test
    void mrsSecurityCluster_casTicketAlsoExpired_passwordSentAgain() {
        sim.managerSecurityCluster(true);
        RestTaskStatusSource source = AuthWiring.source(sim,
                AuthWiring.auth(AuthWiring.mrs(sim, "cas", sim.credentials().managerPassword()), clock));
        TaskRef ref = task(CloudService.MRS);
        assertEquals(TaskState.RUNNING, Polls.status(source, ref).state());
        sim.expireSessions();
        sim.expireCasTickets();
        clock.advance(Duration.ofSeconds(30));
        assertEquals(401, Polls.serviceError(source, ref).httpStatus());
        assertTrue(source.refreshCredentials(ref));
        assertEquals(TaskState.RUNNING, Polls.status(source, ref).state());
        assertEquals(2, logins().stream().filter("POST /cas/login"::equals).count());
    }

    @Test
    void mrsSecurityCluster_wrongPassword_clearRejectionAndNoRetryLoop() {
        sim.managerSecurityCluster(true);
        RestTaskStatusSource source = AuthWiring.source(sim,
                AuthWiring.auth(AuthWiring.mrs(sim, "cas", "Wrong@456"), clock));
        TaskRef ref = task(CloudService.MRS);
        CloudAuthException e = rejection(Polls.failure(source, ref));
        assertTrue(e.isRejected());
        assertTrue(e.getMessage().contains("'" + sim.credentials().managerUser() + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("wrong user name or password"), e.getMessage());
        assertTrue(e.getMessage().contains("cloudtask.mrs.session.password"), e.getMessage());
        assertFalse(e.getMessage().contains("Wrong@456"));
        int attempts = logins().size();
        clock.advance(Duration.ofMinutes(1));
        assertTrue(rejection(Polls.failure(source, ref)).isRejected());
        assertThrows(CloudAuthException.class, () -> source.refreshCredentials(ref));
        assertEquals(attempts, logins().size(), "the refused password is not sent again");
        assertEquals(0, journal(Endpoint.POLL).size());
    }

    @Test
    void mrsSecurityCluster_passwordChangeRequired_finalErrorNamingTheChangePage() {
        sim.managerSecurityCluster(true);
        sim.managerPasswordChangeRequired(true);
        RestTaskStatusSource source = AuthWiring.source(sim,
                AuthWiring.auth(AuthWiring.mrs(sim, "cas", sim.credentials().managerPassword()), clock));
        TaskRef ref = task(CloudService.MRS);
        CloudAuthException e = rejection(Polls.failure(source, ref));
        assertTrue(e.isRejected());
        assertTrue(e.getMessage().contains("modify_password.html"), e.getMessage());
        assertEquals(List.of("GET /cas/login", "POST /cas/login"), logins());
        assertEquals(0, journal(Endpoint.POLL).size());
    }

    private List<String> logins() {
        return journal(Endpoint.MANAGER_LOGIN).stream().map(e -> e.method() + " " + e.path()).toList();
    }
}
