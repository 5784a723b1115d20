package dev.cloudtask.it;

import dev.cloudtask.ProgressEvent;
import dev.cloudtask.TaskRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Observes the library's CDI progress events in the server and keeps them for the tests. */
@ApplicationScoped
public class ProgressRecorder {

    private final List<ProgressEvent> events = new CopyOnWriteArrayList<>();

    void on(@Observes ProgressEvent event) {
        events.add(event);
    }

    /** The events of one task, oldest first. */
    public List<ProgressEvent> of(TaskRef ref) {
        return events.stream().filter(e -> e.ref().equals(ref)).toList();
    }
}
