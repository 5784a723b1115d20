/**
 * Test helpers shared by the test suites and benchmarks: the virtual-time scheduler
 * ({@link dev.cloudtask.testkit.VirtualScheduler}, with a {@link java.time.Clock} view) and a
 * scripted {@link dev.cloudtask.TaskStatusSource} ({@link dev.cloudtask.testkit.ScriptedSource}).
 */
package dev.cloudtask.testkit;
