/**
 * Wiring of the four clients: {@link dev.cloudtask.client.RestTaskStatusSource}, the
 * {@link dev.cloudtask.TaskStatusSource} the polling engine uses (a CDI bean, or built by hand), and
 * {@link dev.cloudtask.client.CloudClients}, which builds the clients in Java SE from base URLs.
 */
package dev.cloudtask.client;
