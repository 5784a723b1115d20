package dev.cloudtask.batch;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/** Finds the scheduler the polling engine runs on: the server's managed one, or a daemon pool. */
final class Schedulers {
    /** The Jakarta Concurrency default managed scheduled executor. */
    static final String MANAGED = "java:comp/DefaultManagedScheduledExecutorService";
    /** Threads of the Java SE pool; waits are timers, not threads, so two are plenty. */
    static final int SE_THREADS = 2;

    private static final Logger LOG = Logger.getLogger(Schedulers.class.getName());

    private Schedulers() {
    }

    /**
     * A scheduler and whether the caller owns it (and must shut it down).
     *
     * @param executor the scheduler
     * @param owned true for the Java SE pool, false for the server's managed executor
     */
    record Obtained(ScheduledExecutorService executor, boolean owned) {
    }

    /** The managed executor when JNDI has it, otherwise a new daemon pool. */
    static Obtained obtain() {
        try {
            Object found = new InitialContext().lookup(MANAGED);
            if (found instanceof ScheduledExecutorService managed) {
                LOG.fine(() -> "using " + MANAGED);
                return new Obtained(managed, false);
            }
        } catch (NamingException | RuntimeException e) {
            LOG.log(Level.FINE, "no " + MANAGED + " (Java SE); using a daemon pool", e);
        }
        return new Obtained(Executors.newScheduledThreadPool(SE_THREADS, daemonThreads()), true);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "cloudtask-scheduler-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
