package dev.cloudtask;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a REST client interface with the service it talks to, so that providers registered on it
 * (authentication filters, error mappers) can tell which service a request is for from the
 * invoked method ({@code org.eclipse.microprofile.rest.client.invokedMethod}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ServiceApi {
    CloudService value();
}
