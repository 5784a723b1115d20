package dev.cloudtask.batch;

import dev.cloudtask.AwaitHandle;
import dev.cloudtask.AwaitPolicy;
import dev.cloudtask.CloudTaskAwaiter;
import dev.cloudtask.ProgressListener;
import dev.cloudtask.TaskRef;
import java.time.Instant;

/** The {@link CloudTaskAwaiter} test double over {@link FakeCloud}. */
final class FakeAwaiter implements CloudTaskAwaiter {
    private final FakeCloud cloud;

    FakeAwaiter(FakeCloud cloud) {
        this.cloud = cloud;
    }

    @Override
    public AwaitHandle start(TaskRef ref, Instant submittedAt, AwaitPolicy policy, ProgressListener listener) {
        return cloud.start(ref, policy, listener);
    }

    @Override
    public int activeWaits() {
        return cloud.activeWaits();
    }

    @Override
    public void close() {
        cloud.stopAll();
    }
}
