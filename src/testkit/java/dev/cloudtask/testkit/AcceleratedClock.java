package dev.cloudtask.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A clock that runs {@code factor} times faster than a base clock: with factor 60, one real second
 * is one simulated minute. Simulated time starts at the base clock's time when the clock is created.
 *
 * <p>Useful for examples and for a simulator in a separate process, where the client cannot share a
 * {@link VirtualClock}: the client waits in real time while remote tasks finish quickly.
 */
public final class AcceleratedClock extends Clock {
    private final Clock base;
    private final Instant origin;
    private final double factor;

    private AcceleratedClock(Clock base, Instant origin, double factor) {
        this.base = base;
        this.origin = origin;
        this.factor = factor;
    }

    /**
     * An accelerated view of the system UTC clock.
     *
     * @throws IllegalArgumentException when {@code factor} is not a finite number &gt; 0
     */
    public static AcceleratedClock of(double factor) {
        return of(Clock.systemUTC(), factor);
    }

    /** An accelerated view of {@code base}, starting now. */
    public static AcceleratedClock of(Clock base, double factor) {
        Objects.requireNonNull(base, "base");
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("clock factor '" + factor + "' must be a finite number > 0");
        }
        return new AcceleratedClock(base, base.instant(), factor);
    }

    /**
     * An accelerated view of the system UTC clock anchored at {@code origin}: it reads
     * {@code origin + (now - origin) * factor}. Every JVM that builds it with the same origin and
     * factor reads the same simulated time (a simulator and a job in separate processes).
     *
     * @throws IllegalArgumentException when {@code factor} is not a finite number &gt; 0
     */
    public static AcceleratedClock since(Instant origin, double factor) {
        Objects.requireNonNull(origin, "origin");
        of(Clock.systemUTC(), factor); // validates the factor
        return new AcceleratedClock(Clock.systemUTC(), origin, factor);
    }

    /** How many simulated seconds pass per real second. */
    public double factor() {
        return factor;
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new AcceleratedClock(base.withZone(zone), origin, factor);
    }

    @Override
    public Instant instant() {
        Duration real = Duration.between(origin, base.instant());
        long nanos = (long) (real.toNanos() * factor);
        return origin.plusNanos(nanos);
    }

    @Override
    public String toString() {
        return "AcceleratedClock[x" + factor + "]";
    }
}
