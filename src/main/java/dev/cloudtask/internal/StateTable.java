package dev.cloudtask.internal;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskState;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One service's table from a raw state string to {@link TaskState}, read like the table in the
 * README: {@code StateTable.of(CCE, "status.phase", Map.of("Running", RUNNING, ...))}.
 *
 * <p>Lookup ignores case and surrounding blanks. A value not in the table (including a missing one)
 * gives {@link TaskState#UNKNOWN}; each distinct unknown value is logged once at WARNING per table
 * (at most {@value #MAX_LOGGED} distinct values, so a misbehaving service cannot grow memory).
 */
public final class StateTable {
    static final int MAX_LOGGED = 64;
    private static final Logger LOG = Logger.getLogger(StateTable.class.getName());

    private final CloudService service;
    private final String field;
    private final Map<String, TaskState> states;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    private StateTable(CloudService service, String field, Map<String, TaskState> states) {
        this.service = service;
        this.field = field;
        Map<String, TaskState> normalized = new java.util.HashMap<>();
        states.forEach((k, v) -> normalized.put(normalize(k), v));
        this.states = Map.copyOf(normalized);
    }

    /**
     * @param service whose values these are, for the log line
     * @param field the field the value comes from, e.g. {@code status.phase}, for the log line
     * @param states the known values
     */
    public static StateTable of(CloudService service, String field, Map<String, TaskState> states) {
        return new StateTable(service, field, states);
    }

    /** The state for {@code raw}; {@link TaskState#UNKNOWN} (logged once per value) when not in the table. */
    public TaskState lookup(String raw) {
        TaskState state = raw == null ? null : states.get(normalize(raw));
        if (state != null) {
            return state;
        }
        String key = raw == null ? "<missing>" : PathParams.excerpt(raw);
        if (logged.size() < MAX_LOGGED && logged.add(key)) {
            LOG.log(Level.WARNING, "{0} sent {1} ''{2}'', which this library does not know; treated as"
                    + " UNKNOWN (still running unless the wait is strict)", new Object[] {service, field, key});
        }
        return TaskState.UNKNOWN;
    }

    private static String normalize(String s) {
        return s.strip().toUpperCase(Locale.ROOT);
    }
}
