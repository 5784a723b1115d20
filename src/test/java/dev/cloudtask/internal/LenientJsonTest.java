package dev.cloudtask.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.cce.CceJob;
import dev.cloudtask.dcs.DcsTaskProgress;
import dev.cloudtask.dws.DwsJob;
import dev.cloudtask.mrs.MrsCommandProgress;
import jakarta.json.bind.JsonbException;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class LenientJsonTest {
    @Test
    void stripTrailingCommas_beforeClosers_removed() {
        assertEquals("{\"a\":[1,2]}", LenientJson.stripTrailingCommas("{\"a\":[1,2,],}"));
        assertEquals("{\"a\":[1]\n}", LenientJson.stripTrailingCommas("{\"a\":[1],\n}"));
    }

    @Test
    void stripTrailingCommas_insideStrings_untouched() {
        String json = "{\"a\":\",]\",\"b\":\"x\\\",}\"}";
        assertEquals(json, LenientJson.stripTrailingCommas(json));
    }

    @Test
    void read_numberForText_keptAsText() {
        MrsCommandProgress p = LenientJson.read("{\"state\":\"FAILED\",\"error_code\":12,\"total_progress\":37.5}",
                MrsCommandProgress.class);
        assertEquals("12", p.errorCode());
        assertEquals("37.5", p.totalProgress());
        assertEquals(37, p.percent().getAsInt());
    }

    @Test
    void read_numericStringForNumber_parsed() {
        DcsTaskProgress p = LenientJson.read("{\"progress\":\"40\",\"remain_time\":\"25\"}", DcsTaskProgress.class);
        assertEquals(40, p.percent().getAsInt());
        assertEquals(25L, p.remainTime());
    }

    @Test
    void read_badScalarsAndStructures_becomeNullNotFailure() {
        MrsCommandProgress p = LenientJson.read("{\"id\":\"abc\",\"state\":{\"x\":1},\"error_code\":[1,2],"
                + "\"res_obj\":{\"total_step_size\":1.5,\"cluster_id\":true},\"total_progress\":\"n/a\"}",
                MrsCommandProgress.class);
        assertNull(p.id());
        assertNull(p.state());
        assertNull(p.errorCode());
        assertNull(p.resObj().totalStepSize());
        assertEquals("true", p.resObj().clusterId());
        assertTrue(p.percent().isEmpty());
    }

    @Test
    void read_unknownFieldsAndMissingObjects_tolerated() {
        CceJob job = LenientJson.read("{\"kind\":\"Job\",\"surprise\":{\"deep\":[1]}}", CceJob.class);
        assertNull(job.metadata());
        assertNull(job.phase());
        assertTrue(job.subJobs().isEmpty());
        DwsJob dws = LenientJson.read("{}", DwsJob.class);
        assertTrue(dws.percent().isEmpty());
        assertTrue(dws.beganAt().isEmpty());
    }

    @Test
    void read_nullsInLists_dropped() {
        DcsTaskProgress p = LenientJson.read("{\"step_details\":[null,{\"step_name\":\"a\",\"sub_step_details\":null}]}",
                DcsTaskProgress.class);
        assertEquals(1, p.stepDetails().size());
        assertTrue(p.stepDetails().get(0).subStepDetails().isEmpty());
    }

    @Test
    void read_byteOrderMark_ignored() {
        assertEquals("RUNNING", LenientJson.read("\uFEFF{\"status\":\"RUNNING\"}", DwsJob.class).status());
    }

    @Test
    void read_realSyntaxError_fails() {
        assertThrows(JsonbException.class, () -> LenientJson.read("{\"status\":", DwsJob.class));
        assertThrows(JsonbException.class, () -> LenientJson.read("<html></html>", DwsJob.class));
    }

    @Test
    void readAtMost_overCap_readsOnlyCapPlusOne() throws Exception {
        byte[] read = LenientJson.readAtMost(new ByteArrayInputStream(new byte[1000]), 10);
        assertEquals(11, read.length);
        assertEquals(5, LenientJson.readAtMost(new ByteArrayInputStream(new byte[5]), 10).length);
    }

    @Test
    void plainJsonb_serializingRecords_usesDocumentedNames() throws Exception {
        try (jakarta.json.bind.Jsonb jsonb = jakarta.json.bind.JsonbBuilder.create()) {
            String json = jsonb.toJson(new DcsTaskProgress("30", 100L, java.util.List.of()));
            assertEquals("{\"progress\":\"30\",\"remain_time\":100,\"step_details\":[]}", json);
            String mrs = jsonb.toJson(LenientJson.read("{\"state\":\"NEW\",\"error_code\":0}", MrsCommandProgress.class));
            assertEquals("{\"error_code\":\"0\",\"state\":\"NEW\"}", mrs);
        }
    }
}
