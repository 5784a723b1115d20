package dev.cloudtask.batch;

import dev.cloudtask.CloudService;
import dev.cloudtask.testkit.CloudSimulator;
import java.util.HashMap;
import java.util.Map;

/**
 * The job parameters of {@code submit-cloud-task.xml} for one common operation per service, as a
 * user declares them against the real API: CCE create node, DCS resize, DWS add CNs, MRS Manager
 * service start.
 */
final class SubmitOperations {
    static final String PROJECT = CloudSimulator.DEFAULT_PROJECT_ID;
    static final String INSTANCE = CloudSimulator.DEFAULT_INSTANCE_ID;
    static final String CLUSTER = "4d1ecb2c-229a-11e8-9c75-0255ac100ceb";

    private SubmitOperations() {
    }

    static Map<String, String> of(CloudService service) {
        Map<String, String> p = new HashMap<>();
        p.put("service", service.id());
        switch (service) {
            case CCE -> {
                p.put("path", "/api/v3/projects/{projectId}/clusters/{clusterId}/nodes");
                p.put("projectId", PROJECT);
                p.put("clusterId", CLUSTER);
                p.put("body", "{\"kind\":\"Node\",\"apiVersion\":\"v3\",\"spec\":{\"flavor\":\"s3.large.2\","
                        + "\"az\":\"eu-de-01\",\"count\":1}}");
            }
            case DCS -> {
                p.put("path", "/v2/{projectId}/instances/{instanceId}/resize");
                p.put("projectId", PROJECT);
                p.put("instanceId", INSTANCE);
                p.put("taskName", "EXTEND");
                p.put("body", "{\"spec_code\":\"redis.ha.xu1.large.r2.4\",\"new_capacity\":4}");
            }
            case DWS -> {
                p.put("path", "/v1.0/{projectId}/clusters/{clusterId}/cns/batch-create");
                p.put("projectId", PROJECT);
                p.put("clusterId", CLUSTER);
                p.put("body", "{\"num\":3}");
            }
            case MRS -> {
                p.put("path", "/web/v1/maintain/cluster/1/service/{serviceName}/start");
                p.put("serviceName", "Spark2x");
            }
        }
        return p;
    }

    /** {@link #of} with more parameters. */
    static Map<String, String> of(CloudService service, String... keyValues) {
        Map<String, String> p = of(service);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            p.put(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }
}
