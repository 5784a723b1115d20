/**
 * The cloud simulator test kit: CCE, DCS, DWS and MRS Manager task-progress APIs served on
 * loopback with scripted timelines, injected faults, IAM / AK/SK / Manager-session authentication,
 * a per-project rate limit and a request journal.
 *
 * <p>Entry points: {@link dev.cloudtask.testkit.CloudSimulator} (Java and command line),
 * {@link dev.cloudtask.testkit.Timeline} (task scripts), {@link dev.cloudtask.testkit.FaultPlan}
 * and {@link dev.cloudtask.testkit.InjectedFault} (faults), {@link dev.cloudtask.testkit.Journal} (what
 * happened), {@link dev.cloudtask.testkit.WithCloudSimulator} (JUnit 5), and the clocks
 * {@link dev.cloudtask.testkit.VirtualClock} and {@link dev.cloudtask.testkit.AcceleratedClock}.
 * For the engine: the virtual-time scheduler {@link dev.cloudtask.testkit.VirtualScheduler} (over a
 * {@code VirtualClock}) and a scripted {@link dev.cloudtask.TaskStatusSource}
 * ({@link dev.cloudtask.testkit.ScriptedSource}).
 *
 * <p>Published as the classifier jar {@code dev.cloudtask:cloudtask-batch:<version>:testkit}, with
 * the batch harness {@link dev.cloudtask.testkit.batch}; it needs a JSON-P implementation (Parsson)
 * at run time.
 */
package dev.cloudtask.testkit;
