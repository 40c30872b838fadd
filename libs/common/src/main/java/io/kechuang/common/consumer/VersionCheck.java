package io.kechuang.common.consumer;

import io.kechuang.events.Revision;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The idempotent-consumer rule: apply an event only if its {@code aggregateVersion} is newer than the version
 * already held for that aggregate (across a producer's resyncs, its epoch first: see {@link Revision}). Replays and
 * duplicates (same version) and stale, out-of-order events (lower
 * version) change nothing.
 */
public final class VersionCheck {

    private VersionCheck() {
    }

    public static boolean isNewer(long incoming, OptionalLong held) {
        return held.isEmpty() || incoming > held.getAsLong();
    }

    /**
     * The same rule across epochs ({@link Revision}): an event of a later epoch is newer whatever its version, so a
     * producer's resync after a database rollback replaces what was consumed from the lost history.
     */
    public static boolean isNewer(Revision incoming, Optional<Revision> held) {
        return held.isEmpty() || incoming.isNewerThan(held.get());
    }
}
