package dev.cloudtask.batch;

import static dev.cloudtask.batch.BatchJobs.awaitCondition;
import static dev.cloudtask.batch.BatchJobs.awaitEnd;
import static dev.cloudtask.batch.BatchJobs.restart;
import static dev.cloudtask.batch.BatchJobs.start;
import static dev.cloudtask.batch.BatchJobs.step;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cloudtask.TaskRef;
import jakarta.batch.runtime.BatchStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many tasks: the partition mapper (one partition per task, only failed partitions re-run on
 * restart) and the fan-in wait of one step ({@code mode} all / any). Strategy: start the job, wait
 * until every wait has started, then script the remote outcomes and count the waits per task.
 */
class PartitionFanInJobTest {
    private final FakeCloud cloud = FakeCloud.get();

    @BeforeEach
    void reset() {
        cloud.reset();
    }

    private List<TaskRef> create(String prefix, int n) {
        List<TaskRef> refs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            refs.add(cloud.create(prefix + i));
        }
        return refs;
    }

    private static String join(List<TaskRef> refs) {
        return refs.stream().map(TaskRef::asString).collect(Collectors.joining(","));
    }

    @Test
    void partitions_twentyTasksThreeFail_onlyFailedPartitionsRerunOnRestart() {
        List<TaskRef> refs = create("part-", 20);
        Set<Integer> failing = Set.of(3, 11, 17);
        Map<String, String> params = Map.of("tasks", join(refs));
        long first = start("partitions", params);
        awaitCondition("20 partition waits", () -> cloud.activeWaits() == 20);
        for (int i = 0; i < refs.size(); i++) {
            if (failing.contains(i)) {
                cloud.fail(refs.get(i), "CCE.0500");
            } else {
                cloud.succeed(refs.get(i));
            }
        }
        assertEquals(BatchStatus.FAILED, awaitEnd(first).getBatchStatus());
        assertEquals(BatchStatus.FAILED, step(first, "awaitEach").getBatchStatus());

        failing.forEach(i -> cloud.running(refs.get(i), 50)); // the operator fixed and resubmitted them
        long second = restart(first, params);
        awaitCondition("3 re-run partition waits", () -> cloud.activeWaits() == 3);
        failing.forEach(i -> cloud.succeed(refs.get(i)));

        assertEquals(BatchStatus.COMPLETED, awaitEnd(second).getBatchStatus());
        for (int i = 0; i < refs.size(); i++) {
            assertEquals(failing.contains(i) ? 2 : 1, cloud.starts(refs.get(i)), "waits on task " + i);
        }
    }

    @Test
    void fanInAll_allSucceed_stepCompleted() {
        long id = start("fan-in-all", Map.of());
        awaitCondition("3 waits", () -> cloud.activeWaits() == 3);
        cloud.submitted().forEach(cloud::succeed);

        assertEquals(BatchStatus.COMPLETED, awaitEnd(id).getBatchStatus());
        assertEquals("SUCCEEDED", step(id, "awaitAll").getExitStatus());
    }

    @Test
    void fanInAll_oneFails_stepFailsAtOnceAndOtherWaitsStop() {
        long id = start("fan-in-all", Map.of());
        awaitCondition("3 waits", () -> cloud.activeWaits() == 3);
        cloud.fail(cloud.submitted().get(1), "CCE.0400");

        assertEquals(BatchStatus.FAILED, awaitEnd(id).getBatchStatus());
        assertEquals("FAILED:CCE.0400", step(id, "awaitAll").getExitStatus());
        assertEquals(0, cloud.activeWaits(), "the other two waits were stopped");
    }

    @Test
    void fanInAny_oneSucceeds_stepCompletedAndOtherWaitsStop() {
        List<TaskRef> refs = create("any-", 3);
        long id = start("fan-in-any", Map.of("tasks", join(refs)));
        awaitCondition("3 waits", () -> cloud.activeWaits() == 3);
        cloud.fail(refs.get(0), "CCE.0400");
        cloud.succeed(refs.get(2));

        assertEquals(BatchStatus.COMPLETED, awaitEnd(id).getBatchStatus());
        assertEquals("SUCCEEDED", step(id, "awaitAny").getExitStatus());
        assertEquals(0, cloud.activeWaits());
    }

    @Test
    void fanInAny_allFail_stepFailedWithFirstTaskInListOrder() {
        List<TaskRef> refs = create("none-", 3);
        long id = start("fan-in-any", Map.of("tasks", join(refs)));
        awaitCondition("3 waits", () -> cloud.activeWaits() == 3);
        cloud.fail(refs.get(2), "CODE2");
        cloud.fail(refs.get(0), "CODE0");
        cloud.fail(refs.get(1), "CODE1");

        assertEquals(BatchStatus.FAILED, awaitEnd(id).getBatchStatus());
        assertEquals("FAILED:CODE0", step(id, "awaitAny").getExitStatus());
    }
}
