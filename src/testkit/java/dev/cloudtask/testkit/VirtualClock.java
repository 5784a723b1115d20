package dev.cloudtask.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that only moves when a test moves it: {@link #advance(Duration)} or {@link #set(Instant)}.
 *
 * <p>Thread-safe; all views created by {@link #withZone(ZoneId)} share the same time. Hand the same
 * instance to the simulator and to the code under test to run waits in virtual time.
 */
public final class VirtualClock extends Clock {
    /** The default start of virtual time: {@code 2026-01-01T00:00:00Z}. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private VirtualClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** A virtual clock at {@link #DEFAULT_START}, zone UTC. */
    public static VirtualClock create() {
        return at(DEFAULT_START);
    }

    /** A virtual clock at the given instant, zone UTC. */
    public static VirtualClock at(Instant start) {
        Objects.requireNonNull(start, "start");
        return new VirtualClock(new AtomicReference<>(start), ZoneOffset.UTC);
    }

    /**
     * Moves time forward.
     *
     * @throws IllegalArgumentException when {@code amount} is negative
     * @return the new time
     */
    public Instant advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount '" + amount + "' is negative; virtual time only moves forward");
        }
        return now.updateAndGet(t -> t.plus(amount));
    }

    /** Sets the time (may move backwards, to test clock skew). */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new VirtualClock(now, Objects.requireNonNull(newZone, "zone"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public String toString() {
        return "VirtualClock[" + now.get() + "]";
    }
}
