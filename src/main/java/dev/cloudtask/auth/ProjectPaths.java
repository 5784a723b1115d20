package dev.cloudtask.auth;

import dev.cloudtask.CloudService;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the project id in a request path, so credentials are scoped to the project the request
 * is for: CCE {@code .../projects/{project_id}/...}, DCS {@code .../v2/{project_id}/...},
 * DWS {@code .../v1.0/{project_id}/...}; MRS has none.
 */
final class ProjectPaths {
    private static final Pattern VERSION = Pattern.compile("v\\d+(\\.\\d+)?");

    private ProjectPaths() {
    }

    static Optional<String> projectId(CloudService service, URI uri) {
        if (service == null || !service.needsProject() || uri == null || uri.getPath() == null) {
            return Optional.empty();
        }
        String[] segments = uri.getPath().split("/");
        for (int i = 0; i + 1 < segments.length; i++) {
            boolean marker = service == CloudService.CCE
                    ? "projects".equals(segments[i])
                    : VERSION.matcher(segments[i]).matches();
            if (marker && !segments[i + 1].isEmpty()) {
                return Optional.of(segments[i + 1]);
            }
        }
        return Optional.empty();
    }
}
