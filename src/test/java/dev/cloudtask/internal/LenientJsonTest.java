package dev.cloudtask.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cloudtask.Fixtures;
import dev.cloudtask.dws.DwsJob;
import org.junit.jupiter.api.Test;

class LenientJsonTest {
    @Test
    void read_dwsFixture_parses() {
        DwsJob job = LenientJson.read(Fixtures.text(Fixtures.DWS_JOB), DwsJob.class);
        assertEquals("FAIL", job.status());
    }
}
