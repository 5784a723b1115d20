/**
 * Jakarta Batch integration for job authors: the {@code submitCloudTask} batchlet (starts an
 * operation declared in job XML and publishes its task), the {@code awaitCloudTask} batchlet, the
 * {@code awaitCloudTaskListener} step listener, the {@code cloudTaskPartitionMapper} and
 * {@code cloudTaskPartitionAnalyzer} of a partitioned wait, the
 * {@link dev.cloudtask.batch.TaskRefs} hand-off API a submit step uses to publish its task
 * reference, and the CDI wiring that supplies the shared {@link dev.cloudtask.CloudTaskAwaiter}.
 *
 * <p>Every artifact is a {@code @Named @Dependent} CDI bean; the library jar ships
 * {@code META-INF/beans.xml} ({@code bean-discovery-mode="annotated"}). Progress of every wait is
 * written as one {@code java.util.logging} line per change (logger {@code dev.cloudtask.batch}) and
 * fired as a CDI {@link dev.cloudtask.ProgressEvent}.
 *
 * <p>The knobs of a wait ({@code timeout}, {@code maxInterval}, ...) come from the step's property,
 * else the job-level property of the same name, else MicroProfile Config
 * {@code cloudtask.<service>.await.<knob>}, else {@code cloudtask.await.<knob>}, else the default;
 * the engine's limits from {@code cloudtask.<service>.<key>}, else {@code cloudtask.<key>}. Each
 * wait logs its effective policy and where each value came from; a malformed value fails the step
 * with exit status {@code INVALID_PROPERTY:<name>} and is never replaced by a default.
 */
package dev.cloudtask.batch;
