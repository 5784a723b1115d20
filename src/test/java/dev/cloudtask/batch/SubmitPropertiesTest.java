package dev.cloudtask.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudtask.CloudService;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The submitCloudTask properties: every bad value fails naming the property; good ones build the request. */
class SubmitPropertiesTest {
    private static Map<String, String> dws() {
        Map<String, String> p = new HashMap<>();
        p.put("service", "dws");
        p.put("method", "post");
        p.put("path", "/v1.0/{projectId}/clusters/{clusterId}/resize");
        p.put("projectId", "p-1");
        p.put("clusterId", "c-1");
        p.put("body", "{\"scale_out\":{\"count\":3}}");
        return p;
    }

    private static SubmitSpec spec(Map<String, String> p) {
        return new SubmitProperties(p, name -> name.equals("bodyJson") ? "{\"a\":1}" : null).spec();
    }

    private static InvalidPropertyException invalid(Map<String, String> p) {
        return assertThrows(InvalidPropertyException.class, () -> spec(p));
    }

    @Test
    void valid_placeholdersFilledMethodUpperCasedDefaultPointer() {
        SubmitSpec s = spec(dws());
        assertEquals("/v1.0/p-1/clusters/c-1/resize", s.request().path());
        assertEquals("POST", s.request().method());
        assertEquals(CloudService.DWS, s.service());
        assertEquals("/job_id", s.taskIdPointer());
        assertEquals(OnUncertain.FAIL, s.onUncertain());
        assertEquals(SubmitProperties.DEFAULT_ERROR_BUDGET, s.errorBudget());
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
        assertTrue(e.getMessage().contains("c-1/../admin"), e.getMessage());
    }

    @Test
    void placeholder_withoutValue_rejected() {
        Map<String, String> p = dws();
        p.put("path", "/v1.0/{projectId}/clusters/{clusterUid}/resize");
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
        p.put("body", "{scale_out: 3");
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
        assertEquals("bodyParameter", invalid(p).property());
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
        assertEquals("/status/jobID", SubmitProperties.defaultPointer(CloudService.CCE));
        assertEquals("/job_id", SubmitProperties.defaultPointer(CloudService.DWS));
        assertEquals("/id", SubmitProperties.defaultPointer(CloudService.MRS));
        assertNull(SubmitProperties.defaultPointer(CloudService.DCS));
    }
}
