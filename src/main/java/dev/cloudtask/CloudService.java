package dev.cloudtask;

import dev.cloudtask.internal.PathParams;
import java.util.Locale;

/**
 * The four cloud services whose task-progress APIs this library polls.
 *
 * <p>Each constant knows its job-XML name ({@code cce}, {@code dcs}, {@code dws}, {@code mrs}) and
 * the MicroProfile REST Client configuration key of its client ({@code cloudtask-cce}, ...), so
 * {@code cloudtask-cce/mp-rest/url} configures the CCE endpoint in any MicroProfile server.
 */
public enum CloudService {
    /** Cloud Container Engine: {@code GET /api/v3/projects/{project_id}/jobs/{job_id}}. */
    CCE("cce", "CCE job"),
    /** Distributed Cache Service: {@code GET /v2/{project_id}/instances/{instance_id}/tasks/{task_id}/progress}. */
    DCS("dcs", "DCS background task"),
    /** Data Warehouse Service: {@code GET /v1.0/{project_id}/job/{job_id}}. */
    DWS("dws", "DWS job"),
    /** MRS Manager on the cluster: {@code GET /web/v1/common/command/{command_id}/progress}. */
    MRS("mrs", "MRS Manager command");

    private final String id;
    private final String taskNoun;

    CloudService(String id, String taskNoun) {
        this.id = id;
        this.taskNoun = taskNoun;
    }

    /** The lower-case name used in job XML and configuration keys. */
    public String id() {
        return id;
    }

    /** What a task of this service is called, for messages ("CCE job"). */
    public String taskNoun() {
        return taskNoun;
    }

    /** The MicroProfile REST Client config key of this service's client, e.g. {@code cloudtask-cce}. */
    public String configKey() {
        return "cloudtask-" + id;
    }

    /** Whether a task of this service is addressed inside a project ({@code project_id} in the path). */
    public boolean needsProject() {
        return this != MRS;
    }

    /** Whether a task of this service is addressed inside an instance ({@code instance_id} in the path). */
    public boolean needsInstance() {
        return this == DCS;
    }

    /**
     * Parses a job-XML value such as {@code cce} (case-insensitive).
     *
     * @param property the name of the property being parsed, for the error message
     * @param value the value as written
     * @throws IllegalArgumentException naming the property and the value when it is not one of
     *     {@code cce}, {@code dcs}, {@code dws}, {@code mrs}
     */
    public static CloudService parse(String property, String value) {
        if (value != null) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            for (CloudService s : values()) {
                if (s.id.equals(v)) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("property '" + property + "' has value '"
                + PathParams.excerpt(value) + "': expected one of cce, dcs, dws, mrs");
    }
}
