package dev.cloudtask.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The submitCloudTask properties, read through the {@link JobXmlProperties.Submit} rows: every bad value
 * fails naming the property and its value; good ones build the request.
 */
class SubmitPropertiesTest {
    private static Map<String, String> dws() {
        Map<String, String> p = new HashMap<>();
        p.put("service", "dws");
        p.put("method", "post");
        p.put("path", "/v1.0/{projectId}/clusters/{clusterId}/cns/batch-create");
        p.put("projectId", "p-1");
        p.put("clusterId", "c-1");
        p.put("body", "{\"num\":3}");
        return p;
    }

    private static SubmitSpec spec(Map<String, String> p) {
        return SubmitSpec.from(new StepProperties(p), name -> switch (name) {
            case "bodyJson" -> "{\"a\":1}";
            case "bodyText" -> "not json";
            default -> null;
        });
    }

    private static InvalidPropertyException invalid(Map<String, String> p) {
        return assertThrows(InvalidPropertyException.class, () -> spec(p));
    }

    @Test
    void valid_placeholdersFilledMethodUpperCasedDefaultPointer() {
        SubmitSpec s = spec(dws());
        assertEquals("/v1.0/p-1/clusters/c-1/cns/batch-create", s.request().path());
        assertEquals("POST", s.request().method());
        assertEquals(CloudService.DWS, s.service());
        assertEquals("/job_id", s.taskIdPointer());
        assertEquals(OnUncertain.FAIL, s.onUncertain());
        assertEquals(5, s.errorBudget());
    }

    @Test
    void pathParams_otherPlaceholdersAndQuery_filled() {
        Map<String, String> p = dws();
        p.put("path", "/v1.0/{projectId}/pools/{poolId}/x?node={nodeId}&force=true");
        p.put("pathParams", "poolId=pool-7, nodeId=n-2");
        assertEquals("/v1.0/p-1/pools/pool-7/x?node=n-2&force=true", spec(p).request().path());
    }

    @Test
    void placeholderValue_withSlash_rejectedNamingThePropertyAndValue() {
        Map<String, String> p = dws();
        p.put("clusterId", "c-1/../admin");
        InvalidPropertyException e = invalid(p);
        assertEquals("clusterId", e.property());
        assertEquals("property 'clusterId' has value 'c-1/../admin': must not contain '..'", e.getMessage());
        p = dws();
        p.put("pathParams", "poolId=a/b");
        assertEquals("property 'pathParams' has value 'poolId=a/b': poolId 'a/b' must not contain '/'",
                invalid(p).getMessage());
        p.put("pathParams", "poolId");
        assertTrue(invalid(p).getMessage().startsWith("property 'pathParams' has value 'poolId': expected name=value"),
                invalid(p).getMessage());
    }

    @Test
    void placeholder_withoutValue_rejected() {
        Map<String, String> p = dws();
        p.put("path", "/v1.0/{projectId}/clusters/{clusterUid}/cns/batch-create");
        InvalidPropertyException e = invalid(p);
        assertEquals("path", e.property());
        assertTrue(e.getMessage().contains("{clusterUid}"), e.getMessage());
    }

    @Test
    void path_relativeOrWithDotDot_rejected() {
        Map<String, String> p = dws();
        p.put("path", "v1.0/x");
        assertEquals("path", invalid(p).property());
        p.put("path", "/v1.0/../x");
        assertEquals("path", invalid(p).property());
    }

    @Test
    void body_twoSources_rejectedNamingTheSecond() {
        Map<String, String> p = dws();
        p.put("bodyParameter", "bodyJson");
        assertEquals("bodyParameter", invalid(p).property());
    }

    @Test
    void body_notJson_rejected() {
        Map<String, String> p = dws();
        p.put("body", "{num: 3");
        InvalidPropertyException e = invalid(p);
        assertEquals("body", e.property());
        assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
    }

    @Test
    void bodyParameter_readFromTheJobParameters() {
        Map<String, String> p = dws();
        p.remove("body");
        p.put("bodyParameter", "bodyJson");
        assertEquals("{\"a\":1}", spec(p).request().body());
        p.put("bodyParameter", "absent");
        assertEquals("property 'bodyParameter' has value 'absent': this job execution has no job parameter of that"
                + " name", invalid(p).getMessage());
        p.put("bodyParameter", "bodyText");
        assertTrue(invalid(p).getMessage().startsWith("property 'bodyParameter' has value 'bodyText': job parameter"
                + " 'bodyText': the body is not JSON"), invalid(p).getMessage());
    }

    @Test
    void bodyResource_missing_rejected() {
        Map<String, String> p = dws();
        p.remove("body");
        p.put("bodyResource", "no/such/body.json");
        assertEquals("bodyResource", invalid(p).property());
    }

    @Test
    void delete_withBody_rejected_withoutBody_noBody() {
        Map<String, String> p = dws();
        p.put("method", "DELETE");
        assertEquals("body", invalid(p).property());
        p.remove("body");
        assertNull(spec(p).request().body());
    }

    @Test
    void methodServiceAndIds_missingOrUnknown_rejected() {
        Map<String, String> p = dws();
        p.put("method", "GET");
        assertEquals("method", invalid(p).property());
        p.remove("method");
        assertEquals("property 'method' is not set: expected POST, PUT, PATCH or DELETE", invalid(p).getMessage());
        p = dws();
        p.put("service", "ecs");
        assertEquals("service", invalid(p).property());
        p = dws();
        p.remove("projectId");
        assertEquals("projectId", invalid(p).property());
    }

    @Test
    void dcs_noPointerLookupAllowed_otherServicesLookupRejected() {
        Map<String, String> p = new HashMap<>(Map.of("service", "dcs", "method", "POST",
                "path", "/v2/{projectId}/instances/{instanceId}/resize", "projectId", "p", "instanceId", "i",
                "onUncertain", "lookup"));
        SubmitSpec s = spec(p);
        assertNull(s.taskIdPointer());
        assertEquals(OnUncertain.LOOKUP, s.onUncertain());
        Map<String, String> d = dws();
        d.put("onUncertain", "LOOKUP");
        assertEquals("onUncertain", invalid(d).property());
        d.put("onUncertain", "maybe");
        assertEquals("onUncertain", invalid(d).property());
    }

    @Test
    void taskIdPointerAndErrorBudget_malformed_rejected() {
        Map<String, String> p = dws();
        p.put("taskIdPointer", "job_id");
        assertEquals("taskIdPointer", invalid(p).property());
        p = dws();
        p.put("errorBudget", "-1");
        assertEquals("errorBudget", invalid(p).property());
    }

    @Test
    void defaultPointers_followTheDocumentedAnswers() {
        assertEquals("/status/jobID", SubmitSpec.defaultPointer(CloudService.CCE));
        assertEquals("/job_id", SubmitSpec.defaultPointer(CloudService.DWS));
        assertEquals("/id", SubmitSpec.defaultPointer(CloudService.MRS));
        assertNull(SubmitSpec.defaultPointer(CloudService.DCS));
    }

    @Test
    void taskIdPointerRow_documentsTheDefaultOfEachService() {
        String documented = JobXmlProperties.Submit.TASK_ID_POINTER.description();
        for (CloudService s : CloudService.values()) {
            String pointer = SubmitSpec.defaultPointer(s);
            String expected = s.name() + (pointer == null ? " answers carry none" : " `" + pointer + "`");
            assertTrue(documented.contains(expected), documented + " lacks " + expected);
        }
    }

    @Test
    void defaults_comeFromTheTable() {
        SubmitSpec s = spec(dws());
        assertEquals(JobXmlProperties.Submit.ERROR_BUDGET.defaultValue(), s.errorBudget());
        assertEquals(JobXmlProperties.Submit.ON_UNCERTAIN.defaultValue(), s.onUncertain());
    }

    @Test
    void body_malformedOrNotAllowed_messageGivesItsLengthNeverItsText() {
        Map<String, String> p = dws();
        p.put("body", "{\"user_pwd\": \"S3cret-Pa55\" oops");
        InvalidPropertyException e = invalid(p);
        assertEquals("body", e.property());
        assertTrue(e.getMessage().contains("has a value of 31 characters"), e.getMessage());
        assertFalse(e.getMessage().contains("S3cret"), e.getMessage());
        Map<String, String> delete = dws();
        delete.put("method", "delete");
        delete.put("body", "{\"user_pwd\": \"S3cret-Pa55\"}");
        InvalidPropertyException d = invalid(delete);
        assertTrue(d.getMessage().contains("a DELETE operation carries no body"), d.getMessage());
        assertFalse(d.getMessage().contains("S3cret"), d.getMessage());
    }
}
