package dev.cloudtask.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.AwaitHandle;
import dev.cloudtask.AwaitOutcome;
import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.CloudTaskAwaiter;
import dev.cloudtask.CloudService;
import dev.cloudtask.ProgressListener;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.TaskStatusSource;
import dev.cloudtask.auth.CloudAuthException;
import dev.cloudtask.batch.OnRemoteFailure;
import dev.cloudtask.batch.StepOutcome;
import dev.cloudtask.client.RestTaskStatusSource;
import dev.cloudtask.testkit.SimAuthMode;
import dev.cloudtask.testkit.CloudSimulator;
import dev.cloudtask.testkit.Timeline;
import dev.cloudtask.testkit.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Strategy: a real engine waits (virtual time) on a task whose credential cannot be had because a
 * login or token URL answers 404; the wait must end at once as {@code ERROR:AUTHENTICATION} with
 * the URL and the status in its detail, after a single login request and no poll, instead of
 * retrying it as a transient error until the error budget runs out.
 */
class LoginFailureWaitTest {
    private static final AwaitPolicy POLICY = AwaitPolicy.ofDefaults();

    private VirtualScheduler time;
    private CloudSimulator sim;

    @BeforeEach
    void start() {
        time = new VirtualScheduler(Instant.parse("2026-01-01T00:00:00Z"));
        sim = CloudSimulator.builder().clock(time.clock()).auth(SimAuthMode.IAM_TOKEN).managerSessionRequired(true).start();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void mrsLoginCheckPathAnswers404_waitEndsAtOnceWithAuthenticationErrorNamingUrlAndStatus() {
        Map<String, String> config = AuthWiring.mrs(sim, "direct", sim.credentials().managerPassword());
        config.put("cloudtask.mrs.session.login-check-path", "/web/login_check");
        AwaitOutcome o = waitFor(CloudService.MRS, config);

        assertAuthenticationErrorAtOnce(o, sim.baseUrl() + "/web/login_check answered HTTP 404");
        assertEquals(1, sim.journal().entries(e -> e.path().startsWith("/web/login_check")).size(), "asked once");
    }

    @Test
    void iamUrlAnswers404_waitEndsAtOnceWithAuthenticationErrorNamingUrlAndStatus() {
        Map<String, String> config = AuthWiring.iam(sim, sim.credentials().iamPassword());
        config.put("cloudtask.iam.url", sim.baseUrl() + "/identity");
        AwaitOutcome o = waitFor(CloudService.CCE, config);

        assertAuthenticationErrorAtOnce(o, sim.baseUrl() + "/identity/v3/auth/tokens");
        assertTrue(o.detail().contains("HTTP 404"), o.detail());
        assertEquals(1, sim.journal().entries(e -> e.path().startsWith("/identity")).size(), "asked once");
    }

    @Test
    void mrsSecurityClusterWrongPassword_waitEndsAtOnceWithAuthenticationError() {
        sim.managerSecurityCluster(true);
        AwaitOutcome o = waitFor(CloudService.MRS, AuthWiring.mrs(sim, "cas", "Not-the-password1"));

        assertAuthenticationErrorAtOnce(o, "wrong user name or password");
        assertEquals(1, sim.journal().entries(e -> e.method().equals("POST") && e.path().equals("/cas/login")).size());
    }

    private AwaitOutcome waitFor(CloudService service, Map<String, String> config) {
        TaskRef ref = sim.createTask(service, Timeline.builder().duration(Duration.ofMinutes(30)).build());
        RestTaskStatusSource http = AuthWiring.source(sim, AuthWiring.auth(config, time.clock()));
        TaskStatusSource tracked = new TaskStatusSource() {
            @Override
            public CompletionStage<TaskStatus> fetch(TaskRef r) {
                return time.track(http.fetch(r));
            }

            @Override
            public boolean refreshCredentials(TaskRef r) {
                return http.refreshCredentials(r);
            }
        };
        try (CloudTaskAwaiter engine = CloudTaskAwaiter.builder(tracked).scheduler(time).clock(time.clock())
                .rateLimit(0, 0).build()) {
            AwaitHandle handle = engine.start(ref, time.now(), POLICY, ProgressListener.NONE);
            assertTrue(time.runUntil(() -> handle.outcome().toCompletableFuture().isDone(), Duration.ofHours(1)),
                    "the wait ended");
            return handle.join();
        }
    }

    private static void assertAuthenticationErrorAtOnce(AwaitOutcome o, String detail) {
        assertEquals(AwaitOutcome.Kind.ERROR, o.kind(), o.toString());
        assertEquals(CloudAuthException.ERROR_CODE, o.errorCode());
        assertEquals("ERROR:AUTHENTICATION", StepOutcome.of(o, OnRemoteFailure.FAIL, false).exitStatus());
        assertTrue(o.detail().contains(detail), o.detail());
        assertEquals(0, o.polls(), "no poll was answered");
        assertTrue(o.elapsed().compareTo(POLICY.initialDelay().plusSeconds(60)) <= 0,
                "ended at the first attempt, not after the error budget: " + o.elapsed());
        assertTrue(o.errors() <= 1, o.toString());
    }
}
