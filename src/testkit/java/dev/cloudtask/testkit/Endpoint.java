package dev.cloudtask.testkit;

/** The kinds of simulator endpoints, for scoping faults and reading the journal. */
public enum Endpoint {
    /** A task-progress query (CCE job, DCS task progress, DWS job, MRS command progress). */
    POLL,
    /**
     * An operation that starts a task: create node, DCS modify specifications (its task is in the
     * background-task list), DWS add CNs, MRS start a service.
     */
    SUBMIT,
    /** An operation the service accepts without a task to follow (DWS scale out: 200 without a body). */
    ACCEPT,
    /** The DCS background-task list of an instance ({@code GET /v2/{project_id}/instances/{instance_id}/tasks}). */
    TASK_LIST,
    /** IAM {@code POST /v3/auth/tokens}. */
    IAM_TOKEN,
    /** MRS Manager {@code /web/login_check} and CAS {@code /cas/login}. */
    MANAGER_LOGIN,
    /** The simulator's own {@code /_sim/...} endpoints (never faulted, never authenticated). */
    ADMIN,
    /** Anything else (answered 404). */
    OTHER
}
