package dev.cloudtask.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job that opens with a split, on jbatch with a new embedded Derby repository, in fresh JVMs: with
 * one step before the split (the documented workaround) every run completes. Without it, some runs
 * fail a flow before its first step; {@code reliability.SplitStartProbe} counts how often.
 */
class SplitOnFreshRepositoryTest {
    private static final int RUNS = 8;

    @Test
    void stepThenSplit_freshJvmsAndRepositories_everyRunCompletesWithAllFourSteps(@TempDir Path work)
            throws Exception {
        for (int i = 0; i < RUNS; i++) {
            SplitStartMain.Result r = SplitStartMain.runFresh("step-then-split", work);
            assertEquals("COMPLETED", r.batchStatus(), "run " + (i + 1) + " of " + RUNS + ": " + r);
            assertEquals(4, r.stepExecutions(), "run " + (i + 1) + " of " + RUNS + ": " + r);
        }
    }
}
