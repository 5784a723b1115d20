package dev.cloudtask.internal;

import static dev.cloudtask.testkit.ScriptedSource.http;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cloudtask.internal.Fault.Kind;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The failure table. */
class FaultTest {

    @Test
    void classify_httpStatuses_mappedPerTable() {
        assertEquals(Kind.THROTTLED, Fault.classify(http(429, null)).kind());
        assertEquals(Kind.UNAUTHORIZED, Fault.classify(http(401, null)).kind());
        assertEquals(Kind.NOT_FOUND, Fault.classify(http(404, null)).kind());
        assertEquals(Kind.TRANSIENT, Fault.classify(http(500, null)).kind());
        assertEquals(Kind.TRANSIENT, Fault.classify(http(503, null)).kind());
        assertEquals(Kind.TRANSIENT, Fault.classify(http(408, null)).kind());
        assertEquals(Kind.TRANSIENT, Fault.classify(http(0, null)).kind());
        assertEquals(Kind.FATAL, Fault.classify(http(400, null)).kind());
        assertEquals(Kind.FATAL, Fault.classify(http(403, null)).kind());
        assertEquals(Kind.FATAL, Fault.classify(http(409, null)).kind());
    }

    @Test
    void classify_wrappedFailures_unwrappedFirst() {
        assertEquals(Kind.THROTTLED, Fault.classify(new CompletionException(http(429, null))).kind());
        assertEquals(Kind.TRANSIENT, Fault.classify(new CompletionException(
                new ProcessingException(new SocketTimeoutException("read timed out")))).kind());
        assertEquals(Kind.TRANSIENT, Fault.classify(new UncheckedIOException(new java.io.IOException("x"))).kind());
        assertEquals(Kind.TRANSIENT, Fault.classify(new JsonbException("bad body")).kind());
        assertEquals(Kind.FATAL, Fault.classify(new NullPointerException()).kind());
    }
}
