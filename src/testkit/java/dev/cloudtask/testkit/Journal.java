package dev.cloudtask.testkit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Every request the simulator answered, and per-task counters of submissions and polls. Restart
 * tests read the counters to prove an operation was submitted exactly once.
 *
 * <p>The entry list keeps the most recent {@link #MAX_ENTRIES} entries; counters are never dropped.
 * Thread-safe. Over HTTP: {@code GET /_sim/journal} and {@code GET /_sim/counters}.
 */
public final class Journal {
    /** How many entries are kept (older ones are dropped first). */
    public static final int MAX_ENTRIES = 200_000;

    private final Deque<JournalEntry> entries = new ArrayDeque<>();
    private final Map<String, AtomicLong[]> counters = new ConcurrentHashMap<>();
    private final AtomicLong submissions = new AtomicLong();
    private final AtomicLong polls = new AtomicLong();

    Journal() {
    }

    void record(JournalEntry e) {
        synchronized (entries) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.removeFirst();
            }
            entries.addLast(e);
        }
        if (e.taskId() != null && e.endpoint() == Endpoint.SUBMIT) {
            slot(e.taskId())[0].incrementAndGet();
            submissions.incrementAndGet();
        } else if (e.taskId() != null && e.endpoint() == Endpoint.POLL) {
            slot(e.taskId())[1].incrementAndGet();
            polls.incrementAndGet();
        }
    }

    private AtomicLong[] slot(String taskId) {
        return counters.computeIfAbsent(taskId, k -> new AtomicLong[] {new AtomicLong(), new AtomicLong()});
    }

    /** A copy of the entries, oldest first. */
    public List<JournalEntry> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    /** The entries matching a predicate, oldest first. */
    public List<JournalEntry> entries(Predicate<JournalEntry> filter) {
        List<JournalEntry> out = new ArrayList<>();
        for (JournalEntry e : entries()) {
            if (filter.test(e)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The counters of one task (all zero when the id was never seen). */
    public TaskCounters counters(String taskId) {
        AtomicLong[] c = counters.get(taskId);
        return c == null ? new TaskCounters(taskId, 0, 0) : new TaskCounters(taskId, c[0].get(), c[1].get());
    }

    /** The counters of every task seen, by task id (sorted). */
    public Map<String, TaskCounters> allCounters() {
        Map<String, TaskCounters> out = new TreeMap<>();
        for (String id : counters.keySet()) {
            out.put(id, counters(id));
        }
        return out;
    }

    /** Operation requests that created a task, over all tasks. */
    public long totalSubmissions() {
        return submissions.get();
    }

    /** Progress requests that named a task, over all tasks. */
    public long totalPolls() {
        return polls.get();
    }

    /** Forgets all entries and counters. */
    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
        counters.clear();
        submissions.set(0);
        polls.set(0);
    }
}
