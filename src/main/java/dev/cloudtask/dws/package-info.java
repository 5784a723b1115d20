/**
 * Data Warehouse Service: the REST client for a job's progress ({@link dev.cloudtask.dws.DwsJobClient},
 * config key {@code cloudtask-dws}), its record ({@link dev.cloudtask.dws.DwsJob}), and the table from
 * {@code status} to the normalized state ({@link dev.cloudtask.dws.DwsStatusMapping}).
 */
package dev.cloudtask.dws;
