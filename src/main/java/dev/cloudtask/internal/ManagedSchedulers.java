package dev.cloudtask.internal;

import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Finds the Jakarta Concurrency default managed scheduled executor of a Jakarta EE server, so the
 * engine's timers run on container-managed threads there.
 */
public final class ManagedSchedulers {
    /** The JNDI name every Jakarta EE server binds its default managed scheduled executor to. */
    public static final String DEFAULT_JNDI_NAME = "java:comp/DefaultManagedScheduledExecutorService";

    private static final Logger LOG = Logger.getLogger(ManagedSchedulers.class.getName());

    private ManagedSchedulers() {
    }

    /**
     * The server's default {@code ManagedScheduledExecutorService}, or empty outside a Jakarta EE
     * server (then the engine uses its own daemon pool).
     */
    public static Optional<ScheduledExecutorService> lookup() {
        try {
            Object found = new InitialContext().lookup(DEFAULT_JNDI_NAME);
            return found instanceof ScheduledExecutorService s ? Optional.of(s) : Optional.empty();
        } catch (NamingException | RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "no managed scheduled executor at " + DEFAULT_JNDI_NAME + "; using a daemon pool");
            return Optional.empty();
        }
    }
}
