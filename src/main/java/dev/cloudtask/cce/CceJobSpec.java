package dev.cloudtask.cce;

import dev.cloudtask.internal.Lists;
import java.util.List;
import java.util.Map;

/**
 * The {@code spec} of a CCE job.
 *
 * @param type the job type, e.g. {@code CreateCluster}, {@code InstallMaster}
 * @param clusterUID the cluster the job runs in
 * @param resourceID the resource the job acts on
 * @param resourceName the resource's name
 * @param extendParam extended parameters as sent (values are JSON-B's natural Java types); never null
 * @param subJobs the sub-jobs, each a complete job; never null. The job is complete only when all
 *     sub-jobs are.
 * @param ownerJob the id of the job this one is a sub-job of, or null for a top-level job
 */
public record CceJobSpec(String type, String clusterUID, String resourceID, String resourceName,
        Map<String, Object> extendParam, List<CceJob> subJobs, String ownerJob) {

    public CceJobSpec {
        extendParam = Lists.copy(extendParam);
        subJobs = Lists.copy(subJobs);
    }
}
