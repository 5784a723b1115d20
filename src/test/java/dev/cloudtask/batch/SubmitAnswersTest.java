package dev.cloudtask.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.CloudServiceException;
import jakarta.ws.rs.ProcessingException;
import java.lang.reflect.InaccessibleObjectException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading operation answers: the task id at a pointer, the newest DCS background task, what may be retried. */
class SubmitAnswersTest {
    @Test
    void pointer_stringOrNumber_found_missingOrNotJson_empty() {
        assertEquals(Optional.of("j-1"), SubmitRun.pointed("{\"status\":{\"jobID\":\"j-1\"}}", "/status/jobID"));
        assertEquals(Optional.of("123"), SubmitRun.pointed("{\"id\":123,\"state\":\"NEW\"}", "/id"));
        assertEquals(Optional.empty(), SubmitRun.pointed("{\"status\":{}}", "/status/jobID"));
        assertEquals(Optional.empty(), SubmitRun.pointed("{\"job_id\":\"\"}", "/job_id"));
        assertEquals(Optional.empty(), SubmitRun.pointed("<html>", "/job_id"));
        assertEquals(Optional.empty(), SubmitRun.pointed("", "/job_id"));
    }

    @Test
    void followable_mrsMinusOneIsNoCommand_otherIdsAndServicesKept() {
        assertEquals(Optional.empty(), SubmitRun.followable(CloudService.MRS, Optional.of("-1")));
        assertEquals(Optional.of("0"), SubmitRun.followable(CloudService.MRS, Optional.of("0")));
        assertEquals(Optional.of("101"), SubmitRun.followable(CloudService.MRS, SubmitRun.pointed(
                "{\"id\":101,\"state\":\"IN_PROGRESS\",\"error_code\":0}", "/id")));
        assertEquals(Optional.of("-1"), SubmitRun.followable(CloudService.DWS, Optional.of("-1")));
        assertEquals(Optional.empty(), SubmitRun.followable(CloudService.MRS, SubmitRun.pointed(
                "{\"id\":-1,\"state\":\"COMPLETE\",\"error_code\":0}", "/id")));
    }

    @Test
    void dcsTaskList_newestMatchingNameSinceTheSubmission() {
        String list = """
                {"task_count":"3","tasks":[
                 {"id":"t-old","name":"EXTEND","status":"SUCCESS","created_at":"2026-05-01T09:00:00.000Z"},
                 {"id":"t-new","name":"EXTEND","status":"CREATED","created_at":"2026-05-01T10:00:01.250Z"},
                 {"id":"t-other","name":"BindEip","status":"EXECUTING","created_at":"2026-05-01T10:00:02.000Z"}]}
                """;
        Instant from = Instant.parse("2026-05-01T09:59:30Z");
        assertEquals(Optional.of("t-new"), SubmitRun.newestTask(list, from, "EXTEND"));
        assertEquals(Optional.of("t-other"), SubmitRun.newestTask(list, from, null));
        assertEquals(Optional.empty(), SubmitRun.newestTask(list, Instant.parse("2026-05-01T11:00:00Z"), "EXTEND"));
        assertEquals(Optional.empty(), SubmitRun.newestTask("{}", from, null));
    }

    @Test
    void retryable_onlyWhereNothingCanHaveStarted() {
        assertTrue(SubmitRun.startedNothing(new CloudServiceException(CloudService.DWS, 429, "APIGW.0308", "t", null, null)));
        assertTrue(SubmitRun.startedNothing(new CloudServiceException(CloudService.DWS, 503, "APIGW.0201", "u", null, null)));
        assertFalse(SubmitRun.startedNothing(new CloudServiceException(CloudService.DWS, 503, "DWS.0005", "u", null, null)));
        assertFalse(SubmitRun.startedNothing(new CloudServiceException(CloudService.DWS, 504, "APIGW.0202", "t", null, null)));
        assertTrue(SubmitRun.neverSent(new ProcessingException(new ConnectException("Connection refused"))));
        assertFalse(SubmitRun.neverSent(new ProcessingException(new SocketException("Connection reset"))));
        assertFalse(SubmitRun.neverSent(new ProcessingException(new SocketTimeoutException("Read timed out"))));
    }

    @Test
    void methodRefused_byHttpUrlConnectionOrClosedWorkaround_notByOtherFailures() {
        assertTrue(SubmitRun.methodRefused(new ProcessingException(new ProtocolException("Invalid HTTP method: PATCH"))));
        assertTrue(SubmitRun.methodRefused(new ProcessingException(new InaccessibleObjectException("Unable to make field"
                + " private final sun.net.www.protocol.https.DelegateHttpsURLConnection"
                + " sun.net.www.protocol.https.HttpsURLConnectionImpl.delegate accessible"))));
        assertFalse(SubmitRun.methodRefused(new ProcessingException(new ProtocolException("Server redirected too many times"))));
        assertFalse(SubmitRun.methodRefused(new ProcessingException(new ConnectException("Connection refused"))));
        assertFalse(SubmitRun.methodRefused(new ProcessingException(new SocketException("Connection reset"))));
    }

    @Test
    void openingHint_namesTheModuleAndPackageToOpen_orNothing() {
        assertEquals("; start the JVM with --add-opens=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
                SubmitRun.openingHint(new ProcessingException(new InaccessibleObjectException("Unable to make field"
                        + " private final sun.net.www.protocol.https.DelegateHttpsURLConnection"
                        + " sun.net.www.protocol.https.HttpsURLConnectionImpl.delegate accessible: module java.base"
                        + " does not \"opens sun.net.www.protocol.https\" to unnamed module @51bce45d"))));
        assertEquals("", SubmitRun.openingHint(new ProcessingException(new ProtocolException("Invalid HTTP method: PATCH"))));
    }
}
