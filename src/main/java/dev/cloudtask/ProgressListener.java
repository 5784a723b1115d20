package dev.cloudtask;

/** Receives a {@link ProgressEvent} for every change of a task's state, percent or step. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = e -> { };

    void onProgress(ProgressEvent event);
}
