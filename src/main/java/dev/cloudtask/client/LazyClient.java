package dev.cloudtask.client;

import dev.cloudtask.CloudService;
import jakarta.enterprise.inject.Instance;
import java.util.function.Supplier;

/**
 * Looks a CDI-managed REST client up on first use and keeps it. An unsatisfied lookup gives null; a
 * lookup that fails (typically: no {@code mp-rest/url} configured) throws an
 * {@link IllegalStateException} each time it is tried, so fixing the configuration needs no restart
 * of this object.
 */
final class LazyClient<T> implements Supplier<T> {
    private final CloudService service;
    private final Instance<T> instance;
    private volatile T client;

    LazyClient(CloudService service, Instance<T> instance) {
        this.service = service;
        this.instance = instance;
    }

    @Override
    public T get() {
        T c = client;
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (client == null) {
                if (instance == null || instance.isUnsatisfied()) {
                    return null;
                }
                try {
                    client = instance.get();
                } catch (RuntimeException e) {
                    throw new IllegalStateException(RestTaskStatusSource.noClient(service, e), e);
                }
            }
            return client;
        }
    }
}
