package dev.cloudtask.internal;

import static dev.cloudtask.testkit.ScriptedSource.running;
import static dev.cloudtask.testkit.ScriptedSource.succeeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudTaskAwaiter;
import dev.cloudtask.AwaitHandle;
import dev.cloudtask.AwaitOutcome;
import dev.cloudtask.AwaitOutcome.Kind;
import dev.cloudtask.ProgressEvent;
import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskState;
import dev.cloudtask.TaskStatus;
import dev.cloudtask.TaskStep;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Stop, join, close, shared polls, the rate limit and progress events. */
class PollingControlTest {

    // ------------------------------------------------------------ stop / join / close

    @Test
    void stop_betweenPolls_endsStoppedAtOnceAndPollsNoMore() {
        EngineFixture f = new EngineFixture();
        f.source.then(running());
        AwaitHandle h = f.start(EngineFixture.POLICY);
        f.time.advance(Duration.ofSeconds(7));
        h.stop();
        assertTrue(f.ended(h), "stopped without moving time");
        AwaitOutcome o = h.outcome().toCompletableFuture().join();
        assertEquals(Kind.STOPPED, o.kind());
        assertEquals(2, o.polls());
        f.time.advance(Duration.ofMinutes(5));
        assertEquals(2, f.source.fetches());
        assertEquals(0, f.engine.activeWaits());
    }

    @Test
    void stop_whileRequestNeverCompletes_endsStoppedAtOnceAndCancelsTheRequest() {
        EngineFixture f = new EngineFixture(b -> b.requestTimeout(Duration.ofHours(1)));
        f.source.thenHang();
        AwaitHandle h = f.start(EngineFixture.POLICY);
        assertEquals(1, f.source.fetches());
        h.stop();
        assertEquals(Kind.STOPPED, h.outcome().toCompletableFuture().getNow(null).kind());
        assertTrue(f.source.hanging().get(0).isCancelled());
    }

    @Test
    void stop_afterTheWaitEnded_keepsTheFirstOutcome() {
        EngineFixture f = new EngineFixture();
        f.source.then(succeeded());
        AwaitHandle h = f.start(EngineFixture.POLICY);
        AwaitOutcome first = f.finish(h);
        h.stop();
        h.stop();
        assertSame(first, h.outcome().toCompletableFuture().join());
        assertEquals(Kind.SUCCEEDED, first.kind());
    }

    @Test
    void join_threadInterrupted_stopsTheWaitAndReturnsStopped() throws Exception {
        EngineFixture f = new EngineFixture();
        f.source.then(running());
        AwaitHandle h = f.start(EngineFixture.POLICY);
        AtomicReference<AwaitOutcome> joined = new AtomicReference<>();
        AtomicReference<Boolean> interruptKept = new AtomicReference<>();
        CountDownLatch inJoin = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            inJoin.countDown();
            joined.set(h.join());
            interruptKept.set(Thread.currentThread().isInterrupted());
        });
        waiter.start();
        inJoin.await();
        waiter.interrupt();
        waiter.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(waiter.isAlive(), "join returned after the interrupt");
        assertEquals(Kind.STOPPED, joined.get().kind());
        assertTrue(interruptKept.get(), "the interrupt flag is kept for the caller");
    }

    @Test
    void close_withRunningWaits_stopsThemAllAndRefusesNewOnes() {
        EngineFixture f = new EngineFixture();
        f.source.then(running());
        AwaitHandle a = f.start(TaskRef.cce("p", "a"), EngineFixture.POLICY);
        AwaitHandle b = f.start(TaskRef.cce("p", "b"), EngineFixture.POLICY);
        f.engine.close();
        assertEquals(Kind.STOPPED, a.outcome().toCompletableFuture().getNow(null).kind());
        assertEquals(Kind.STOPPED, b.outcome().toCompletableFuture().getNow(null).kind());
        assertThrows(IllegalStateException.class, () -> f.start(TaskRef.cce("p", "c"), EngineFixture.POLICY));
        assertFalse(f.time.isShutdown(), "a given scheduler is not shut down");
    }

    @Test
    void close_ownDaemonPool_endsItsThreads() throws Exception {
        Set<Thread> before = poolThreads();
        CompletableFuture<TaskStatus> never = new CompletableFuture<>();
        CloudTaskAwaiter engine = CloudTaskAwaiter.builder(ref -> never).build();
        AwaitHandle h = engine.start(EngineFixture.REF, null, EngineFixture.POLICY, e -> { });
        Set<Thread> own = newPoolThreads(before);
        assertFalse(own.isEmpty(), "a wait is running on the engine's own pool");
        engine.close();
        assertEquals(Kind.STOPPED, h.outcome().toCompletableFuture().get(5, TimeUnit.SECONDS).kind());
        assertEnded(own, "the daemon pool has ended");
    }

    @Test
    void managedScheduler_outsideJakartaEe_notFoundSoOwnPoolIsUsed() throws Exception {
        Set<Thread> before = poolThreads();
        CompletableFuture<TaskStatus> never = new CompletableFuture<>();
        CloudTaskAwaiter engine = CloudTaskAwaiter.builder(ref -> never).managedSchedulerIfAvailable().build();
        AwaitHandle h = engine.start(EngineFixture.REF, null, EngineFixture.POLICY, e -> { });
        Set<Thread> own = newPoolThreads(before);
        assertFalse(own.isEmpty(), "no JNDI in Java SE: the engine's own pool runs the wait");
        engine.close();
        assertEquals(Kind.STOPPED, h.outcome().toCompletableFuture().get(5, TimeUnit.SECONDS).kind());
        assertEnded(own, "the engine's own pool was used and has ended");
    }

    /** The engine pool threads alive now, of this engine or of others the JVM still holds. */
    private static Set<Thread> poolThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("cloudtask-await-") && t.isAlive())
                .collect(Collectors.toSet());
    }

    /** The pool threads that were not there {@code before}: this engine's own. */
    private static Set<Thread> newPoolThreads(Set<Thread> before) {
        Set<Thread> now = poolThreads();
        now.removeAll(before);
        return now;
    }

    /** Each thread ends within 5 s of the pool's shutdown (the only real-time wait here). */
    private static void assertEnded(Set<Thread> threads, String what) throws InterruptedException {
        for (Thread t : threads) {
            t.join(5_000);
            assertFalse(t.isAlive(), what + ": " + t.getName());
        }
    }

    // ------------------------------------------------------------ shared polls

    @Test
    void dedupe_identicalRefsPolledTogether_shareOneRequest() {
        EngineFixture f = new EngineFixture(b -> b.requestTimeout(Duration.ofMinutes(1)));
        CompletableFuture<TaskStatus> answer = new CompletableFuture<>();
        TaskRef ref = TaskRef.dws("p", "job1");
        f.source.then(running());
        CloudTaskAwaiter engine = CloudTaskAwaiter.builder(r -> {
            f.source.fetch(r);
            return answer;
        }).scheduler(f.time).clock(f.time.clock()).build();
        AwaitHandle a = engine.start(ref, null, EngineFixture.POLICY, e -> { });
        AwaitHandle b = engine.start(TaskRef.dws("p", "job1"), null, EngineFixture.POLICY, e -> { });
        f.time.runDue();
        assertEquals(1, f.source.fetches(), "one request for two waits");
        answer.complete(succeeded());
        f.time.runDue();
        assertEquals(Kind.SUCCEEDED, a.outcome().toCompletableFuture().join().kind());
        assertEquals(Kind.SUCCEEDED, b.outcome().toCompletableFuture().join().kind());
        assertEquals(1, a.outcome().toCompletableFuture().join().polls());
    }

    @Test
    void dedupe_oneOfTwoSharersStops_requestKeptForTheOther() {
        EngineFixture f = new EngineFixture();
        f.source.thenHang();
        AwaitHandle a = f.start(TaskRef.dws("p", "job1"), EngineFixture.POLICY);
        AwaitHandle b = f.start(TaskRef.dws("p", "job1"), EngineFixture.POLICY);
        assertEquals(1, f.source.fetches());
        a.stop();
        assertFalse(f.source.hanging().get(0).isCancelled(), "b still needs the answer");
        b.stop();
        assertTrue(f.source.hanging().get(0).isCancelled(), "nobody needs it any more");
    }

    @Test
    void coalesce_twoWaitsSameTaskStartedApart_alignOntoSharedPolls() {
        // alone, one wait makes N requests in 10 minutes; two waits for the same task started 7s
        // apart align their polls and answers, so together they make far fewer than 2N
        EngineFixture alone = new EngineFixture();
        alone.source.then(running());
        alone.start(TaskRef.dws("p", "job1"), EngineFixture.POLICY);
        alone.time.advance(Duration.ofMinutes(10));
        int single = alone.source.fetches();

        EngineFixture f = new EngineFixture();
        f.source.then(running());
        AwaitHandle a = f.start(TaskRef.dws("p", "job1"), EngineFixture.POLICY);
        f.time.advance(Duration.ofSeconds(7));
        AwaitHandle b = f.start(TaskRef.dws("p", "job1"), EngineFixture.POLICY);
        f.time.advance(Duration.ofMinutes(10).minusSeconds(7));
        assertTrue(f.source.fetches() <= single + 4, "two waits made " + f.source.fetches()
                + " requests, one alone " + single);
        a.stop();
        b.stop();
    }

    @Test
    void coalesce_alignment_neverMakesAPollLaterThanPlanned() {
        EngineFixture f = new EngineFixture();
        f.source.then(running(), 5).then(succeeded());
        AwaitHandle a = f.start(TaskRef.dws("p", "job1"), EngineFixture.POLICY);
        f.time.advance(Duration.ofSeconds(3));
        AwaitHandle b = f.start(TaskRef.dws("p", "job1"), EngineFixture.POLICY);
        AwaitOutcome oa = f.finish(a);
        AwaitOutcome ob = f.finish(b);
        assertEquals(Kind.SUCCEEDED, oa.kind());
        assertEquals(Kind.SUCCEEDED, ob.kind());
        // the end is seen by both at the same moment: b's polls joined a's
        assertEquals(oa.elapsed(), ob.elapsed().plusSeconds(3));
    }

    @Test
    void dedupe_differentRefs_separateRequests() {
        EngineFixture f = new EngineFixture();
        f.source.then(running());
        f.start(TaskRef.dws("p", "job1"), EngineFixture.POLICY);
        f.start(TaskRef.dws("p", "job2"), EngineFixture.POLICY);
        assertEquals(2, f.source.fetches());
    }

    // ------------------------------------------------------------ rate limit

    @Test
    void rateLimit_manyWaitsSameProject_burstThenConfiguredRate() {
        EngineFixture f = new EngineFixture(b -> b.rateLimit(5, 3));
        f.source.then(running());
        for (int i = 0; i < 10; i++) {
            f.start(TaskRef.cce("p", "job" + i), EngineFixture.POLICY);
        }
        f.time.advance(Duration.ofMillis(1500));
        List<Double> t = f.fetchSeconds();
        assertEquals(List.of(0.0, 0.0, 0.0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.2, 1.4), t);
    }

    @Test
    void rateLimit_differentProjectsOrServices_limitedSeparately() {
        EngineFixture f = new EngineFixture(b -> b.rateLimit(1, 1));
        f.source.then(running());
        f.start(TaskRef.cce("p1", "job"), EngineFixture.POLICY);
        f.start(TaskRef.cce("p2", "job"), EngineFixture.POLICY);
        f.start(TaskRef.dws("p1", "job"), EngineFixture.POLICY);
        f.start(TaskRef.cce("p1", "job2"), EngineFixture.POLICY);
        assertEquals(3, f.source.fetches(), "three keys go at once, the fourth waits");
        f.time.advance(Duration.ofSeconds(1));
        assertEquals(4, f.source.fetches());
    }

    @Test
    void rateLimit_turnedOff_everyWaitPollsAtOnce() {
        EngineFixture f = new EngineFixture(b -> b.rateLimit(0, 0));
        f.source.then(running());
        for (int i = 0; i < 50; i++) {
            f.start(TaskRef.cce("p", "job" + i), EngineFixture.POLICY);
        }
        assertEquals(50, f.source.fetches());
    }

    @Test
    void rateLimit_invalidSettings_rejectedNamingTheValue() {
        var b = CloudTaskAwaiter.builder(r -> null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.rateLimit(-1, 5));
        assertTrue(e.getMessage().contains("'-1.0'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.rateLimit(5, 0));
        assertTrue(e.getMessage().contains("burst '0'"), e.getMessage());
    }

    // ------------------------------------------------------------ progress

    @Test
    void progress_identicalPolls_noEventChangesOneEventEach() {
        EngineFixture f = new EngineFixture();
        f.source.then(running(10), 3).then(running(20), 2).then(succeeded());
        f.finish(f.start(EngineFixture.POLICY));
        List<ProgressEvent> e = f.events;
        assertEquals(3, e.size(), "first observation, 10->20, 20->done: " + e);
        assertEquals(null, e.get(0).previous());
        assertEquals(Integer.valueOf(10), e.get(0).current().percent());
        assertEquals(Integer.valueOf(20), e.get(1).current().percent());
        assertEquals(TaskState.SUCCEEDED, e.get(2).current().state());
        assertEquals(f.time.now(), e.get(2).at());
    }

    @Test
    void progress_stepChangesWithSamePercent_eventPerStepChange() {
        EngineFixture f = new EngineFixture();
        TaskStatus one = new TaskStatus(TaskState.RUNNING, 50, "RUNNING",
                List.of(new TaskStep("backup", "RUNNING", TaskState.RUNNING)), null, null, null, null, null);
        TaskStatus two = new TaskStatus(TaskState.RUNNING, 50, "RUNNING",
                List.of(new TaskStep("backup", "SUCCESS", TaskState.SUCCEEDED)), null, null, null, null, null);
        f.source.then(one).then(one).then(two).then(succeeded());
        f.finish(f.start(EngineFixture.POLICY));
        assertEquals(3, f.events.size());
        assertEquals(two, f.events.get(1).current());
    }

    @Test
    void progress_terminalEvent_deliveredBeforeTheOutcomeCompletes() {
        EngineFixture f = new EngineFixture();
        f.source.then(running(50)).then(succeeded());
        AtomicReference<AwaitHandle> handle = new AtomicReference<>();
        List<Boolean> outcomeDoneAtEvent = new java.util.ArrayList<>();
        AwaitHandle h = f.engine.start(EngineFixture.REF, null, EngineFixture.POLICY,
                e -> outcomeDoneAtEvent.add(handle.get().outcome().toCompletableFuture().isDone()));
        handle.set(h);
        f.finish(h);
        assertEquals(List.of(false, false), outcomeDoneAtEvent);
    }

    @Test
    void progress_listenerThrows_waitContinues() {
        EngineFixture f = new EngineFixture();
        f.source.then(running(1)).then(running(2)).then(succeeded());
        AwaitHandle h = f.engine.start(EngineFixture.REF, null, EngineFixture.POLICY, e -> {
            throw new IllegalStateException("listener bug");
        });
        assertEquals(Kind.SUCCEEDED, f.finish(h).kind());
    }
}
