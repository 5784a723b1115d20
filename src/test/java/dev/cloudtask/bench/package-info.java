/**
 * Benchmarks of the await engine (programs with a {@code main}, not tests): polling efficiency
 * against the strategies of known waiters, in virtual time, through the simulator over HTTP
 * ({@link dev.cloudtask.bench.SimulatorSource}) or the in-process model
 * ({@link dev.cloudtask.bench.PollingEfficiencyBenchmark}), and many concurrent waits in real time
 * ({@link dev.cloudtask.bench.ScaleBenchmark}). Commands and latest figures: the development page.
 */
package dev.cloudtask.bench;
