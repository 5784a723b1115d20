/**
 * Distributed Cache Service: the REST client for a background task's progress
 * ({@link dev.cloudtask.dcs.DcsTaskClient}, config key {@code cloudtask-dcs}), its records
 * ({@link dev.cloudtask.dcs.DcsTaskProgress}, steps and sub-steps), and the rules from step
 * statuses and progress to the normalized state ({@link dev.cloudtask.dcs.DcsStatusMapping}).
 */
package dev.cloudtask.dcs;
