package dev.cloudtask.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.Fixtures;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every client method checks its path parameters before any request: a bad id gives an
 * IllegalArgumentException naming the parameter, and the loopback server sees no request at all.
 */
class PathParamRejectionTest {
    static final List<String> BAD = List.of("", "   ", "a/b", "/", "..", "a..b", "a?b", "a#b", "a b", "a\tb",
            "a\nb", "a\u0000b", "a\u007fb", "a\u2028b", "a%2Fb", "a\\b");

    static LoopbackServer server;
    static CloudClients clients;

    @BeforeAll
    static void start() throws Exception {
        server = new LoopbackServer().json("/v1.0/p/job/ok-1_A.b", Fixtures.text(Fixtures.DWS_JOB));
        CloudClients.Builder b = CloudClients.builder();
        for (CloudService s : CloudService.values()) {
            b.endpoint(s, server.baseUri());
        }
        clients = b.build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Call(String name, String parameter, Consumer<String> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Call> calls() {
        return Stream.of(
                new Call("cce.job(project)", "project_id", v -> CloudCalls.job(clients.cce(), v, "j")),
                new Call("cce.jobAsync(job)", "job_id", v -> CloudCalls.jobAsync(clients.cce(), "p", v)),
                new Call("dcs.progress(instance)", "instance_id", v -> CloudCalls.progress(clients.dcs(), "p", v, "t")),
                new Call("dcs.progressAsync(project)", "project_id", v -> CloudCalls.progressAsync(clients.dcs(), v, "i", "t")),
                new Call("dcs.progressAsync(task)", "task_id", v -> CloudCalls.progressAsync(clients.dcs(), "p", "i", v)),
                new Call("dws.job(job)", "job_id", v -> CloudCalls.job(clients.dws(), "p", v)),
                new Call("dws.jobAsync(project)", "project_id", v -> CloudCalls.jobAsync(clients.dws(), v, "j")),
                new Call("mrs.progress(command)", "command_id", v -> CloudCalls.progress(clients.mrs(), v)),
                new Call("mrs.progressAsync(command)", "command_id", v -> CloudCalls.progressAsync(clients.mrs(), v)));
    }

    static Stream<Arguments> badCalls() {
        return calls().flatMap(c -> Stream.concat(BAD.stream(), Stream.of((String) null))
                .map(v -> Arguments.of(c, v)));
    }

    @ParameterizedTest(name = "{0} with [{1}]")
    @MethodSource("badCalls")
    void call_badPathParameter_rejectedBeforeAnyRequest(Call call, String value) {
        int before = server.requests().size();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> call.call().accept(value));
        assertTrue(e.getMessage().startsWith(call.parameter() + " "), e.getMessage());
        assertEquals(before, server.requests().size(), "requests made");
    }

    @Test
    void call_plainId_sentAsOnePathSegment() {
        assertEquals("FAIL", CloudCalls.job(clients.dws(), "p", "ok-1_A.b").status());
        List<String> requests = server.requests();
        assertEquals("/v1.0/p/job/ok-1_A.b", requests.get(requests.size() - 1));
    }
}
