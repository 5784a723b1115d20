/**
 * Calling the four REST clients and wiring them.
 *
 * <ul>
 *   <li>{@link dev.cloudtask.client.CloudCalls}: the calls to make on a client (ids checked first,
 *       HTTP errors handed over as {@link dev.cloudtask.CloudServiceException}), the same on every
 *       MicroProfile REST Client implementation;</li>
 *   <li>the JAX-RS providers every client registers: {@link dev.cloudtask.client.LenientJsonReader}
 *       (the one tolerant, size-capped way responses become records) and
 *       {@link dev.cloudtask.client.CloudErrorMapper} (HTTP errors in any body shape become a
 *       {@code CloudServiceException});</li>
 *   <li>{@link dev.cloudtask.client.RestTaskStatusSource}, the {@link dev.cloudtask.TaskStatusSource}
 *       over the clients (a CDI bean, or built by hand);</li>
 *   <li>{@link dev.cloudtask.client.RestCloudOperations}, the {@link dev.cloudtask.client.CloudOperations}
 *       that sends the operations of the {@code submitCloudTask} step through the same clients'
 *       settings (a CDI bean, or {@code CloudClients.operations()});</li>
 *   <li>{@link dev.cloudtask.client.CloudClients}, which builds the clients in Java SE from base
 *       URLs.</li>
 * </ul>
 */
package dev.cloudtask.client;
