package dev.cloudtask.internal;

import dev.cloudtask.TaskRef;
import dev.cloudtask.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Coalesces the polls of waits for the same task reference (beyond sharing a request in flight,
 * which {@link SharedFetches} does):
 * <ul>
 * <li>a wait that plans a poll moves it <em>earlier</em> onto a poll another wait for the same
 *     task has already planned, when that is at most half of its own delay sooner (never later, so
 *     no wait detects an end later than it would alone);</li>
 * <li>an answer younger than {@link #RECENT} is given to a wait that polls the same task instead
 *     of a new request.</li>
 * </ul>
 * Nothing is kept for a task with a single wait; the entry of a task goes when its last wait ends.
 */
final class SameTaskWaits {
    /** How old an answer may be to serve another wait for the same task. */
    static final Duration RECENT = Duration.ofSeconds(1);

    private final ConcurrentMap<TaskRef, Slot> slots = new ConcurrentHashMap<>();

    /** The waits for one task, the polls they have planned and the latest answer. */
    private static final class Slot {
        int waits;
        final List<Instant> planned = new ArrayList<>(2);
        TaskStatus answer;
        Instant answeredAt;
    }

    /** A wait for {@code ref} begins. */
    void join(TaskRef ref) {
        slots.compute(ref, (r, s) -> {
            Slot slot = s == null ? new Slot() : s;
            slot.waits++;
            return slot;
        });
    }

    /** A wait for {@code ref} ended. */
    void leave(TaskRef ref) {
        slots.computeIfPresent(ref, (r, s) -> --s.waits <= 0 ? null : s);
    }

    /**
     * When to poll {@code ref}: {@code planned}, or the latest poll another wait for the same task
     * has planned between half of the wait's own delay before {@code planned} and {@code planned}.
     */
    Instant align(TaskRef ref, Instant now, Instant planned) {
        Slot s = slots.get(ref);
        if (s == null) {
            return planned;
        }
        synchronized (s) {
            s.planned.removeIf(p -> !p.isAfter(now));
            Instant earliest = now.plus(Duration.between(now, planned).dividedBy(2));
            Instant best = null;
            for (Instant p : s.planned) {
                if (!p.isBefore(earliest) && !p.isAfter(planned) && (best == null || p.isAfter(best))) {
                    best = p;
                }
            }
            if (best != null && s.waits >= 2) {
                return best;
            }
            s.planned.add(planned);
            return planned;
        }
    }

    /** Keeps an answer for the other waits of the same task (only when there are some). */
    void answered(TaskRef ref, Instant at, TaskStatus status) {
        Slot s = slots.get(ref);
        if (s == null) {
            return;
        }
        synchronized (s) {
            if (s.waits >= 2) {
                s.answer = status;
                s.answeredAt = at;
            }
        }
    }

    /**
     * An answer for {@code ref} younger than {@link #RECENT} and newer than {@code after} (the
     * asking wait's own latest answer, or null), or null.
     */
    TaskStatus recentAnswer(TaskRef ref, Instant now, Instant after) {
        Slot s = slots.get(ref);
        if (s == null) {
            return null;
        }
        synchronized (s) {
            if (s.waits < 2 || s.answer == null || Duration.between(s.answeredAt, now).compareTo(RECENT) >= 0
                    || after != null && !s.answeredAt.isAfter(after)) {
                return null;
            }
            return s.answer;
        }
    }
}
