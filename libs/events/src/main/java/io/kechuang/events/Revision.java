package io.kechuang.events;

import java.util.Comparator;

/**
 * A point in an aggregate's event history: the producer's {@linkplain EventEnvelope#epoch() epoch}, then the
 * aggregate's version within it. A later epoch wins whatever the versions: after a database rollback, the resync's
 * republished state (new epoch, possibly lower version) must replace what consumers hold from the lost history.
 */
public record Revision(long epoch, long version) implements Comparable<Revision> {

    private static final Comparator<Revision> ORDER = Comparator.comparingLong(Revision::epoch)
            .thenComparingLong(Revision::version);

    public Revision {
        if (epoch < 0 || version < 0) {
            throw new IllegalArgumentException("epoch and version must not be negative");
        }
    }

    public boolean isNewerThan(Revision other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(Revision other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return epoch == 0 ? "v" + version : "v" + version + "@epoch" + epoch;
    }
}
