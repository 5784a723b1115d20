/**
 * MRS Manager (on the cluster, port 28443): the REST client for a command's progress
 * ({@link dev.cloudtask.mrs.MrsCommandClient}, config key {@code cloudtask-mrs}), its records
 * ({@link dev.cloudtask.mrs.MrsCommandProgress} with {@code res_obj}, steps and failed entities), and
 * the table from {@code state} to the normalized state ({@link dev.cloudtask.mrs.MrsStatusMapping}).
 */
package dev.cloudtask.mrs;
