package dev.cloudtask.testkit;

import dev.cloudtask.CloudService;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's URL table: which service and endpoint kind a method and path address, and the
 * ids in the path.
 *
 * <table>
 *   <caption>Routes</caption>
 *   <tr><th>method</th><th>path</th><th>service</th><th>endpoint</th></tr>
 *   <tr><td>GET</td><td>/api/v3/projects/{project_id}/jobs/{job_id}</td><td>CCE</td><td>POLL</td></tr>
 *   <tr><td>POST</td><td>/api/v3/projects/{project_id}/clusters/{cluster_id}/nodes</td><td>CCE</td><td>SUBMIT</td></tr>
 *   <tr><td>DELETE</td><td>/api/v3/projects/{project_id}/clusters/{cluster_id}/nodes/{node_id}</td><td>CCE</td><td>SUBMIT</td></tr>
 *   <tr><td>GET</td><td>/v2/{project_id}/instances/{instance_id}/tasks/{task_id}/progress</td><td>DCS</td><td>POLL</td></tr>
 *   <tr><td>POST</td><td>/v2/{project_id}/instances/{instance_id}/resize</td><td>DCS</td><td>SUBMIT</td></tr>
 *   <tr><td>GET</td><td>/v2/{project_id}/instances/{instance_id}/tasks</td><td>DCS</td><td>TASK_LIST</td></tr>
 *   <tr><td>GET</td><td>/v1.0/{project_id}/job/{job_id}</td><td>DWS</td><td>POLL</td></tr>
 *   <tr><td>POST</td><td>/v1.0/{project_id}/clusters/{cluster_id}/cns/batch-create, cns/batch-delete, cluster-shrink</td><td>DWS</td><td>SUBMIT</td></tr>
 *   <tr><td>POST</td><td>/v1.0/{project_id}/clusters/{cluster_id}/resize</td><td>DWS</td><td>ACCEPT</td></tr>
 *   <tr><td>GET</td><td>/web/v1/common/command/{command_id}/progress</td><td>MRS</td><td>POLL</td></tr>
 *   <tr><td>POST</td><td>/web/v1/maintain/cluster/{cluster_id}/service/{service_name}/{start|stop}</td><td>MRS</td><td>SUBMIT</td></tr>
 *   <tr><td>GET, POST</td><td>/cas/login, /web/cas_security_check.htm, /web/v1/access/login_check</td><td>MRS</td><td>MANAGER_LOGIN</td></tr>
 *   <tr><td>POST</td><td>/v3/auth/tokens</td><td>-</td><td>IAM_TOKEN</td></tr>
 *   <tr><td>any</td><td>/_sim/...</td><td>-</td><td>ADMIN</td></tr>
 * </table>
 */
final class Routes {
    private static final String SEG = "([^/]+)";

    private record Route(String method, Pattern pattern, CloudService service, Endpoint endpoint, int[] groups) {
    }

    /**
     * A matched route.
     *
     * @param service the service, or null (IAM, admin, unknown)
     * @param endpoint the endpoint kind
     * @param projectId the project in the path, or null
     * @param instanceId the DCS instance, or null
     * @param resourceId the cluster / service name acted on by an operation, or null
     * @param taskId the task polled, or null
     */
    record Match(CloudService service, Endpoint endpoint, String projectId, String instanceId, String resourceId,
            String taskId) {
    }

    // groups: project, instance, resource, task (0 = absent)
    private static final List<Route> ROUTES = List.of(
            new Route("GET", Pattern.compile("/api/v3/projects/" + SEG + "/jobs/" + SEG), CloudService.CCE,
                    Endpoint.POLL, new int[] {1, 0, 0, 2}),
            new Route("POST", Pattern.compile("/api/v3/projects/" + SEG + "/clusters/" + SEG + "/nodes"),
                    CloudService.CCE, Endpoint.SUBMIT, new int[] {1, 0, 2, 0}),
            new Route("DELETE", Pattern.compile("/api/v3/projects/" + SEG + "/clusters/" + SEG + "/nodes/" + SEG),
                    CloudService.CCE, Endpoint.SUBMIT, new int[] {1, 0, 2, 0}),
            new Route("GET", Pattern.compile("/v2/" + SEG + "/instances/" + SEG + "/tasks/" + SEG + "/progress"),
                    CloudService.DCS, Endpoint.POLL, new int[] {1, 2, 0, 3}),
            new Route("POST", Pattern.compile("/v2/" + SEG + "/instances/" + SEG + "/resize"), CloudService.DCS,
                    Endpoint.SUBMIT, new int[] {1, 2, 0, 0}),
            new Route("GET", Pattern.compile("/v2/" + SEG + "/instances/" + SEG + "/tasks"), CloudService.DCS,
                    Endpoint.TASK_LIST, new int[] {1, 2, 0, 0}),
            new Route("GET", Pattern.compile("/v1\\.0/" + SEG + "/job/" + SEG), CloudService.DWS, Endpoint.POLL,
                    new int[] {1, 0, 0, 2}),
            new Route("POST", Pattern.compile("/v1\\.0/" + SEG + "/clusters/" + SEG
                    + "/(?:cns/batch-create|cns/batch-delete|cluster-shrink)"), CloudService.DWS, Endpoint.SUBMIT,
                    new int[] {1, 0, 2, 0}),
            new Route("POST", Pattern.compile("/v1\\.0/" + SEG + "/clusters/" + SEG + "/resize"), CloudService.DWS,
                    Endpoint.ACCEPT, new int[] {1, 0, 2, 0}),
            new Route("GET", Pattern.compile("/web/v1/common/command/" + SEG + "/progress"), CloudService.MRS,
                    Endpoint.POLL, new int[] {0, 0, 0, 1}),
            new Route("POST", Pattern.compile("/web/v1/maintain/cluster/[^/]+/service/" + SEG + "/(?:start|stop)"),
                    CloudService.MRS, Endpoint.SUBMIT, new int[] {0, 0, 1, 0}),
            new Route(null, Pattern.compile("/cas/login|/web/cas_security_check\\.htm|/web/v1/access/login_check"),
                    CloudService.MRS, Endpoint.MANAGER_LOGIN, new int[] {0, 0, 0, 0}),
            new Route("POST", Pattern.compile("/v3/auth/tokens"), null, Endpoint.IAM_TOKEN, new int[] {0, 0, 0, 0}),
            new Route(null, Pattern.compile("/_sim(/.*)?"), null, Endpoint.ADMIN, new int[] {0, 0, 0, 0}));

    private Routes() {
    }

    /** The route for a method and raw path; {@link Endpoint#OTHER} when nothing matches. */
    static Match match(String method, String rawPath) {
        for (Route r : ROUTES) {
            if (r.method() != null && !r.method().equals(method)) {
                continue;
            }
            Matcher m = r.pattern().matcher(rawPath);
            if (m.matches()) {
                int[] g = r.groups();
                return new Match(r.service(), r.endpoint(), group(m, g[0]), group(m, g[1]), group(m, g[2]),
                        group(m, g[3]));
            }
        }
        return new Match(serviceByPrefix(rawPath), Endpoint.OTHER, null, null, null, null);
    }

    private static String group(Matcher m, int g) {
        return g == 0 ? null : SimRequest.decode(m.group(g));
    }

    /** The service a path most likely belongs to, for the shape of a 404 body. */
    private static CloudService serviceByPrefix(String path) {
        if (path.startsWith("/api/v3/")) {
            return CloudService.CCE;
        }
        if (path.startsWith("/v2/")) {
            return CloudService.DCS;
        }
        if (path.startsWith("/v1.0/")) {
            return CloudService.DWS;
        }
        if (path.startsWith("/web/")) {
            return CloudService.MRS;
        }
        return null;
    }
}
