package dev.cloudtask;

import dev.cloudtask.internal.PathParams;
import java.util.Objects;

/**
 * Which remote task to wait for: the service and the ids that address it.
 *
 * <p>Ids are validated at construction: a blank id, or one containing
 * {@code /}, {@code ..}, {@code ?}, {@code #}, {@code %}, whitespace or control characters, is
 * rejected with an {@link IllegalArgumentException} naming the id. A service that does not use an
 * id ({@code instanceId} outside DCS, {@code projectId} for MRS) must leave it null.
 *
 * <p>{@link #asString()} and {@link #parse(String)} give a stable text form
 * ({@code cce/<project>/<job>}, {@code dcs/<project>/<instance>/<task>}, {@code dws/<project>/<job>},
 * {@code mrs/<command>}) used to persist a reference in the job repository.
 *
 * @param service the service
 * @param projectId the project id (CCE, DCS, DWS), null for MRS
 * @param instanceId the DCS instance id, null for the other services
 * @param taskId the job / task / command id
 */
public record TaskRef(CloudService service, String projectId, String instanceId, String taskId) {

    public TaskRef {
        Objects.requireNonNull(service, "service");
        String noun = service.id();
        if (service.needsProject()) {
            PathParams.check("projectId", projectId);
        } else if (projectId != null) {
            throw new IllegalArgumentException("projectId '" + PathParams.excerpt(projectId)
                    + "' is not used by " + noun + "; leave it out");
        }
        if (service.needsInstance()) {
            PathParams.check("instanceId", instanceId);
        } else if (instanceId != null) {
            throw new IllegalArgumentException("instanceId '" + PathParams.excerpt(instanceId)
                    + "' is not used by " + noun + "; leave it out");
        }
        PathParams.check("taskId", taskId);
    }

    public static TaskRef cce(String projectId, String jobId) {
        return new TaskRef(CloudService.CCE, projectId, null, jobId);
    }

    public static TaskRef dcs(String projectId, String instanceId, String taskId) {
        return new TaskRef(CloudService.DCS, projectId, instanceId, taskId);
    }

    public static TaskRef dws(String projectId, String jobId) {
        return new TaskRef(CloudService.DWS, projectId, null, jobId);
    }

    public static TaskRef mrs(String commandId) {
        return new TaskRef(CloudService.MRS, null, null, commandId);
    }

    /** The stable text form, e.g. {@code dcs/<project>/<instance>/<task>}. */
    public String asString() {
        StringBuilder sb = new StringBuilder(service.id());
        if (projectId != null) {
            sb.append('/').append(projectId);
        }
        if (instanceId != null) {
            sb.append('/').append(instanceId);
        }
        return sb.append('/').append(taskId).toString();
    }

    /**
     * Parses the form written by {@link #asString()}.
     *
     * @throws IllegalArgumentException naming the text when it is not such a reference
     */
    public static TaskRef parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("task reference '" + PathParams.excerpt(text) + "' is blank");
        }
        String[] parts = text.trim().split("/", -1);
        CloudService service;
        try {
            service = CloudService.parse("task reference", parts[0]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("task reference '" + PathParams.excerpt(text)
                    + "' starts with an unknown service '" + PathParams.excerpt(parts[0])
                    + "': expected one of cce, dcs, dws, mrs");
        }
        int expected = 2 + (service.needsProject() ? 1 : 0) + (service.needsInstance() ? 1 : 0);
        if (parts.length != expected) {
            throw new IllegalArgumentException("task reference '" + PathParams.excerpt(text)
                    + "' must have the form " + form(service));
        }
        return switch (service) {
            case CCE -> cce(parts[1], parts[2]);
            case DCS -> dcs(parts[1], parts[2], parts[3]);
            case DWS -> dws(parts[1], parts[2]);
            case MRS -> mrs(parts[1]);
        };
    }

    private static String form(CloudService service) {
        return switch (service) {
            case CCE -> "cce/<projectId>/<jobId>";
            case DCS -> "dcs/<projectId>/<instanceId>/<taskId>";
            case DWS -> "dws/<projectId>/<jobId>";
            case MRS -> "mrs/<commandId>";
        };
    }

    @Override
    public String toString() {
        return service.taskNoun() + " " + asString();
    }
}
