package io.kechuang.common.consumer;

import java.util.OptionalLong;

/**
 * The idempotent-consumer rule: apply an event only if its {@code aggregateVersion} is newer than the version
 * already held for that aggregate. Replays and duplicates (same version) and stale, out-of-order events (lower
 * version) change nothing.
 */
public final class VersionCheck {

    private VersionCheck() {
    }

    public static boolean isNewer(long incoming, OptionalLong held) {
        return held.isEmpty() || incoming > held.getAsLong();
    }
}
