package dev.cloudtask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cloudtask.cce.CceJob;
import dev.cloudtask.dcs.DcsStepDetail;
import dev.cloudtask.dcs.DcsSubStepDetail;
import dev.cloudtask.dcs.DcsTaskProgress;
import dev.cloudtask.dws.DwsJob;
import dev.cloudtask.internal.LenientJson;
import dev.cloudtask.mrs.MrsCommandProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The API documents' example responses, verbatim, parse into every documented field. */
class FixturesParseTest {
    @Test
    void cceExample_withTrailingComma_everyFieldParsed() {
        CceJob job = LenientJson.read(Fixtures.text(Fixtures.CCE_JOB), CceJob.class);
        assertEquals("Job", job.kind());
        assertEquals("v3", job.apiVersion());
        assertEquals("354331b2c-229a-11e8-9c75-0255ac100ceb", job.metadata().uid());
        assertEquals("2020-02-02 08:12:40.672772389 +0000 UTC", job.metadata().creationTimestamp());
        assertEquals(Instant.parse("2020-02-02T08:12:40.672772389Z"), job.metadata().createdAt().orElseThrow());
        assertEquals(Instant.parse("2020-02-02T08:21:50.478108569Z"), job.metadata().updatedAt().orElseThrow());
        assertEquals("CreateCluster", job.spec().type());
        assertEquals("4d1ecb2c-229a-11e8-9c75-0255ac100ceb", job.spec().clusterUID());
        assertEquals("6f4dcb2c-229a-11e8-9c75-0255ac100ceb", job.spec().resourceID());
        assertEquals("cluster-name", job.spec().resourceName());
        assertEquals(Map.of("serverID", "bc467e3a-2338-11e8-825b-0255ac100c13"), job.spec().extendParam());
        assertEquals("Running", job.status().phase());
        assertEquals("", job.status().reason());
        assertEquals(2, job.subJobs().size());

        CceJob first = job.subJobs().get(0);
        assertEquals("Job", first.kind());
        assertEquals("v3", first.apiVersion());
        assertEquals("fd474fab-9606-11e8-baa9-0255ac10215d", first.metadata().uid());
        assertEquals(Instant.parse("2020-02-02T03:52:34.615819618Z"), first.metadata().createdAt().orElseThrow());
        assertEquals("InstallMaster", first.spec().type());
        assertEquals("fcc72de0-9606-11e8-baa8-0255ac10215d", first.spec().clusterUID());
        assertEquals("fd3b4ac0-9606-11e8-baa8-0255ac10215d", first.spec().resourceID());
        assertNull(first.spec().resourceName());
        assertEquals("fd3b4ac0-9606-11e8-baa8-0255ac10215d", first.spec().extendParam().get("serverID"));
        assertEquals("Success", first.phase());
        assertNull(first.reason());

        CceJob second = job.subJobs().get(1);
        assertEquals("CreatePSMCert", second.spec().type());
        assertEquals(Map.of(), second.spec().extendParam());
        assertEquals(Instant.parse("2020-02-02T03:52:34.615655429Z"), second.metadata().updatedAt().orElseThrow());
        assertEquals("Success", second.phase());
    }

    @Test
    void dcsExample_everyFieldParsed() {
        DcsTaskProgress p = LenientJson.read(Fixtures.text(Fixtures.DCS_PROGRESS), DcsTaskProgress.class);
        assertEquals("30", p.progress());
        assertEquals(30, p.percent().getAsInt());
        assertEquals(100L, p.remainTime());
        assertEquals(Duration.ofSeconds(100), p.remaining().orElseThrow());
        assertEquals(2, p.stepDetails().size());

        DcsStepDetail pre = p.stepDetails().get(0);
        assertEquals("9d1d1da8-650e-406f-81e4-b3c11515869f", pre.stepId());
        assertEquals("Pre-check.", pre.stepName());
        assertEquals("FINISH", pre.stepStatus());
        assertEquals(Instant.parse("2022-09-01T11:52:24Z"), pre.beganAt().orElseThrow());
        assertEquals(Instant.parse("2022-09-01T11:52:29Z"), pre.endedAt().orElseThrow());
        assertEquals("DCS.4064", pre.errorCode());
        assertEquals(2, pre.subStepDetails().size());
        DcsSubStepDetail check = pre.subStepDetails().get(0);
        assertEquals("4692b05b-fa55-4f7d-9be6-527bde25b424", check.subStepId());
        assertEquals("Resource check.", check.subStepName());
        assertEquals("FINISH", check.subStepStatus());
        assertEquals("2022-09-01 11:52:24", check.beginTime());
        assertEquals(Instant.parse("2022-09-01T11:52:26Z"), check.endedAt().orElseThrow());
        assertEquals("", check.detail());
        assertEquals("DCS.4065", check.errorCode());

        DcsStepDetail migration = p.stepDetails().get(1);
        assertEquals("EXECUTING", migration.stepStatus());
        DcsSubStepDetail request = migration.subStepDetails().get(1);
        assertEquals("f9df7fd2-b31f-4ec3-bbb1-3dc740326342", request.subStepId());
        assertEquals("{node_id:5b70f440ccc94789b34a5c98c2ba05ea,slot_range:[5461 10921],full_migration:to start,"
                + " inc_migration:to start}", request.detail());
        assertEquals("DCS.4066", request.errorCode());
    }

    @Test
    void dwsExample_everyFieldParsed() {
        DwsJob job = LenientJson.read(Fixtures.text(Fixtures.DWS_JOB), DwsJob.class);
        assertEquals("FAIL", job.status());
        assertEquals("9%", job.progress());
        assertEquals(9, job.percent().getAsInt());
        assertEquals("2c9080e88459fa44018459fbeb600001", job.jobId());
        assertEquals("ecfClusterElbCreateJob", job.jobName());
        assertEquals(Instant.parse("2022-11-09T20:25:00Z"), job.beganAt().orElseThrow());
        assertEquals(Instant.parse("2022-11-09T20:30:00Z"), job.endedAt().orElseThrow());
        assertEquals("CreateELBTask-fail:DWS.0114", job.failedCode());
        assertEquals("DWS.0114:ELB private IP is not configured.", job.failedDetail());
    }

    @Test
    void mrsExample_everyFieldParsed() {
        MrsCommandProgress p = LenientJson.read(Fixtures.text(Fixtures.MRS_PROGRESS), MrsCommandProgress.class);
        assertEquals(0L, p.id());
        assertEquals("COMPLETE", p.state());
        assertEquals("0", p.errorCode());
        assertEquals("string", p.errorDescription());
        assertEquals(0, p.percent().getAsInt());
        assertEquals("0", p.resObj().clusterId());
        assertEquals("string", p.resObj().stepList().get(0).name());
        assertEquals("string", p.resObj().stepList().get(0).description());
        assertEquals("string", p.resObj().failEntityList().get(0).failEntity());
        assertEquals("string", p.resObj().failEntityList().get(0).operationType());
        assertEquals(0, p.resObj().totalStepSize());
    }
}
