/**
 * Wiring of the four clients: {@link dev.cloudtask.client.RestTaskStatusSource}, the
 * {@link dev.cloudtask.TaskStatusSource} the polling engine uses (a CDI bean, or built by hand),
 * {@link dev.cloudtask.client.RestCloudOperations}, the {@link dev.cloudtask.client.CloudOperations}
 * that sends the operations of the {@code submitCloudTask} step through the same clients' settings, and
 * {@link dev.cloudtask.client.CloudClients}, which builds the clients in Java SE from base URLs.
 */
package dev.cloudtask.client;
