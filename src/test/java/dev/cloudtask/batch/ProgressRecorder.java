package dev.cloudtask.batch;

import dev.cloudtask.ProgressEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An application bean observing {@link ProgressEvent}s, as a user would; records them for tests. */
@ApplicationScoped
public class ProgressRecorder {
    public static final List<ProgressEvent> EVENTS = new CopyOnWriteArrayList<>();
    public static final List<String> THREADS = new CopyOnWriteArrayList<>();

    public static void clear() {
        EVENTS.clear();
        THREADS.clear();
    }

    void on(@Observes ProgressEvent event) {
        EVENTS.add(event);
        THREADS.add(Thread.currentThread().getName());
    }
}
