package dev.cloudtask.batch;

import static dev.cloudtask.testkit.batch.BatchJobs.restart;
import static dev.cloudtask.testkit.batch.BatchJobs.start;
import static dev.cloudtask.testkit.batch.BatchJobs.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import dev.cloudtask.TaskRef;
import dev.cloudtask.testkit.Timeline;
import dev.cloudtask.testkit.batch.SimBatch;
import dev.cloudtask.testkit.batch.WithJBatch;
import jakarta.batch.runtime.BatchStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Many tasks with the real engine and the simulator: the partition mapper (one partition per task,
 * only failed partitions re-run on restart) and the fan-in wait of one step ({@code mode} all /
 * any). Strategy: script each remote task's timeline, run the job, and read per-task poll counters
 * from the simulator's journal.
 */
@WithJBatch
class PartitionFanInJobTest {
    static SimBatch batch;

    private static TaskRef task(Timeline timeline) {
        return batch.simulator().createTask(CloudService.DWS, timeline);
    }

    private static Timeline runs(Duration d) {
        return Timeline.builder().duration(d).build();
    }

    private static Timeline failsAfter(Duration d, String code) {
        return Timeline.builder().duration(d.multipliedBy(2)).fails(code, "failed in the simulator", 50).build();
    }

    private static String join(List<TaskRef> refs) {
        return refs.stream().map(TaskRef::asString).collect(Collectors.joining(","));
    }

    @Test
    void partitions_twentyTasksThreeTimeOut_onlyThoseThreeRerunOnRestartAndJobCompletes() {
        Set<Integer> slow = Set.of(3, 11, 17);
        List<TaskRef> refs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            refs.add(task(runs(slow.contains(i) ? Duration.ofHours(2) : Duration.ofMinutes(10 + i))));
        }
        String tasks = join(refs);
        long first = start("partitions", Map.of("tasks", tasks, "timeout", "1h"));
        batch.awaitWaits(20);
        assertEquals(BatchStatus.FAILED, batch.runToEnd(first).getBatchStatus());
        assertEquals(BatchStatus.FAILED, step(first, "awaitEach").getBatchStatus());
        long[] before = refs.stream().mapToLong(batch::polls).toArray();

        long second = restart(first, Map.of("tasks", tasks, "timeout", "3h"));
        batch.awaitWaits(3);

        assertEquals(BatchStatus.COMPLETED, batch.runToEnd(second).getBatchStatus());
        for (int i = 0; i < refs.size(); i++) {
            long after = batch.polls(refs.get(i));
            assertTrue(before[i] >= 1, "task " + i + " was polled in the first run");
            if (slow.contains(i)) {
                assertTrue(after > before[i], "task " + i + " was polled again on restart");
            } else {
                assertEquals(before[i], after, "completed partition " + i + " did not run again");
            }
        }
        assertEquals(0, batch.simulator().journal().totalSubmissions());
    }

    @Test
    void fanInAll_allSucceed_stepCompletedAfterPollingEachSubmittedTask() {
        long id = start("fan-in-all", Map.of("duration", "20m"));
        batch.awaitWaits(3);

        assertEquals(BatchStatus.COMPLETED, batch.runToEnd(id).getBatchStatus());
        assertEquals("SUCCEEDED", step(id, "awaitAll").getExitStatus());
        List<String> submitted = batch.submittedTaskIds();
        assertEquals(3, submitted.size());
        submitted.forEach(t -> assertTrue(batch.simulator().journal().counters(t).polls() >= 1, t));
    }

    @Test
    void fanInAll_oneFails_stepFailsAtOnceWithItsCodeAndOtherWaitsStop() {
        long id = start("fan-in-all", Map.of("duration", "4h", "failCode", "DWS.0400", "failIndex", "1"));
        batch.awaitWaits(3);

        assertEquals(BatchStatus.FAILED, batch.runToEnd(id).getBatchStatus());
        assertEquals("FAILED:DWS.0400", step(id, "awaitAll").getExitStatus());
        assertEquals(0, batch.activeWaits(), "the other two waits were stopped");
        assertEquals(3, batch.submittedTaskIds().size());
    }

    @Test
    void fanInAny_oneSucceeds_stepCompletedAndOtherWaitsStop() {
        List<TaskRef> refs = List.of(task(failsAfter(Duration.ofMinutes(10), "DWS.0400")),
                task(runs(Duration.ofHours(6))), task(runs(Duration.ofMinutes(30))));
        long id = start("fan-in-any", Map.of("tasks", join(refs)));
        batch.awaitWaits(3);

        assertEquals(BatchStatus.COMPLETED, batch.runToEnd(id).getBatchStatus());
        assertEquals("SUCCEEDED", step(id, "awaitAny").getExitStatus());
        assertEquals(0, batch.activeWaits(), "the six-hour wait was stopped");
    }

    @Test
    void fanInAny_allFail_stepFailedWithCodeOfFirstTaskInListOrder() {
        List<TaskRef> refs = List.of(task(failsAfter(Duration.ofMinutes(40), "DWS.0100")),
                task(failsAfter(Duration.ofMinutes(20), "DWS.0101")),
                task(failsAfter(Duration.ofMinutes(10), "DWS.0102")));
        long id = start("fan-in-any", Map.of("tasks", join(refs)));
        batch.awaitWaits(3);

        assertEquals(BatchStatus.FAILED, batch.runToEnd(id).getBatchStatus());
        assertEquals("FAILED:DWS.0100", step(id, "awaitAny").getExitStatus());
    }
}
