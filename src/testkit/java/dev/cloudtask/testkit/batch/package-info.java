/**
 * Batch jobs on the jbatch runtime in Java SE against the cloud simulator: {@link
 * dev.cloudtask.testkit.batch.WithJBatch} (JUnit 5) and {@link dev.cloudtask.testkit.batch.SimBatch}
 * (connecting, driving virtual time, running jobs to their end), {@link
 * dev.cloudtask.testkit.batch.BatchJobs} (job operations and real-time waits), and the wiring the
 * runtime picks up: {@link dev.cloudtask.testkit.batch.SimCloudBeans} and {@link
 * dev.cloudtask.testkit.batch.SimBatchArtifactFactory}.
 */
package dev.cloudtask.testkit.batch;
