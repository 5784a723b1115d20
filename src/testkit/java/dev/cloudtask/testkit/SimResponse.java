package dev.cloudtask.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the server does with a request: send a response, or misbehave on purpose (reset the
 * connection, hang, send a truncated body).
 */
final class SimResponse {
    /** What happens on the wire. */
    enum Action {
        /** A complete response. */
        SEND,
        /** Close the connection with a TCP reset (SO_LINGER 0), no response. */
        RESET,
        /** Never answer; the connection stays open until the client closes it or the simulator stops. */
        HANG,
        /** Announce the full Content-Length, send only half of the body, then close. */
        TRUNCATE
    }

    final Action action;
    final int status;
    final List<String[]> headers = new ArrayList<>();
    final byte[] body;
    /** The task this request touched, for the journal, or null. */
    String taskId;
    /** A short note for the journal (fault name, reason), or null. */
    String note;
    /** How long (real time) to hold the answer back, or null. */
    java.time.Duration delay;

    private SimResponse(Action action, int status, String contentType, byte[] body) {
        this.action = action;
        this.status = status;
        this.body = body == null ? new byte[0] : body;
        if (contentType != null) {
            header("Content-Type", contentType);
        }
    }

    static SimResponse json(int status, byte[] body) {
        return new SimResponse(Action.SEND, status, "application/json;charset=UTF-8", body);
    }

    static SimResponse html(int status, String body) {
        return new SimResponse(Action.SEND, status, "text/html;charset=UTF-8", body.getBytes(StandardCharsets.UTF_8));
    }

    static SimResponse empty(int status) {
        return new SimResponse(Action.SEND, status, null, null);
    }

    static SimResponse reset() {
        return new SimResponse(Action.RESET, 0, null, null);
    }

    static SimResponse hang() {
        return new SimResponse(Action.HANG, 0, null, null);
    }

    /** A truncated variant of a complete response. */
    static SimResponse truncated(SimResponse full) {
        SimResponse r = new SimResponse(Action.TRUNCATE, full.status, null, full.body);
        r.headers.addAll(full.headers);
        return r;
    }

    SimResponse header(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    SimResponse task(String id) {
        this.taskId = id;
        return this;
    }

    SimResponse delay(java.time.Duration value) {
        this.delay = value;
        return this;
    }

    SimResponse note(String text) {
        this.note = text;
        return this;
    }

    /** The first value of a response header, or null. */
    String header(String name) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                return h[1];
            }
        }
        return null;
    }
}
