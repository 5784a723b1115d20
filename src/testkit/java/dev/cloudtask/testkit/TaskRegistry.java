package dev.cloudtask.testkit;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The simulator's tasks by service and id, and id generation in each service's style. */
final class TaskRegistry {
    private final Clock clock;
    private final Map<String, SimTask> tasks = new ConcurrentHashMap<>();
    private final AtomicLong mrsIds = new AtomicLong(100);

    TaskRegistry(Clock clock) {
        this.clock = clock;
    }

    /** A fresh id: UUID (CCE), 32 hex (DCS, DWS), a number (MRS). */
    String newId(CloudService service) {
        return switch (service) {
            case CCE -> Ids.uuid();
            case DCS, DWS -> Ids.hex32();
            case MRS -> Long.toString(mrsIds.incrementAndGet());
        };
    }

    /**
     * Registers a task created now.
     *
     * @throws IllegalArgumentException when a task with the same service and id exists, or an MRS
     *     failure code or command id is not numeric
     */
    SimTask create(TaskRef ref, String resourceId, Timeline timeline) {
        if (ref.service() == CloudService.MRS) {
            requireNumber("MRS command id", ref.taskId());
            if (timeline.fails()) {
                requireNumber("MRS failure code", timeline.failure().code());
            }
        }
        SimTask task = new SimTask(ref, resourceId, clock.instant(), timeline);
        if (tasks.putIfAbsent(key(ref.service(), ref.taskId()), task) != null) {
            throw new IllegalArgumentException("task '" + ref.asString() + "' already exists");
        }
        return task;
    }

    private static void requireNumber(String what, String value) {
        try {
            Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + value + "' must be an integer");
        }
    }

    Optional<SimTask> find(CloudService service, String id) {
        return Optional.ofNullable(tasks.get(key(service, id)));
    }

    List<SimTask> all() {
        return new ArrayList<>(tasks.values());
    }

    void clear() {
        tasks.clear();
    }

    private static String key(CloudService service, String id) {
        return service.id() + "/" + id;
    }
}
