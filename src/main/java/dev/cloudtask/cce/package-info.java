/**
 * Cloud Container Engine: the REST client for a CCE job ({@link dev.cloudtask.cce.CceJobClient},
 * config key {@code cloudtask-cce}), the job's records ({@link dev.cloudtask.cce.CceJob} with its
 * metadata, spec with sub-jobs, and status), and the table from {@code status.phase} to the
 * normalized state ({@link dev.cloudtask.cce.CceStatusMapping}).
 */
package dev.cloudtask.cce;
