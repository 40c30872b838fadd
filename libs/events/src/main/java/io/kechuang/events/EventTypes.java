package io.kechuang.events;

/** CloudEvents {@code type} values. Consumers act on the state in {@code data}; the type says why it changed. */
public final class EventTypes {

    public static final String ACHIEVEMENT_PUBLISHED = "kechuang.achievement.published";
    public static final String ACHIEVEMENT_UPDATED = "kechuang.achievement.updated";
    public static final String ACHIEVEMENT_WITHDRAWN = "kechuang.achievement.withdrawn";
    public static final String ACHIEVEMENT_TRANSFERRED = "kechuang.achievement.transferred";
    public static final String ACHIEVEMENT_EXPIRED = "kechuang.achievement.expired";
    /** Republished by a resync (new epoch): the state in {@code data} is current; nothing happened to it. */
    public static final String ACHIEVEMENT_RESYNCED = "kechuang.achievement.resynced";
    /**
     * Emitted by a resync for an achievement that Kafka knows but the service's database no longer has on the market
     * (gone, or back to a draft after a rollback): {@code data} is null; consumers drop it.
     */
    public static final String ACHIEVEMENT_REMOVED = "kechuang.achievement.removed";

    public static final String DEMAND_OPENED = "kechuang.demand.opened";
    public static final String DEMAND_UPDATED = "kechuang.demand.updated";
    public static final String DEMAND_IN_NEGOTIATION = "kechuang.demand.in-negotiation";
    public static final String DEMAND_CLOSED = "kechuang.demand.closed";
    public static final String DEMAND_EXPIRED = "kechuang.demand.expired";
    public static final String DEMAND_FULFILLED = "kechuang.demand.fulfilled";
    /** See {@link #ACHIEVEMENT_RESYNCED}. */
    public static final String DEMAND_RESYNCED = "kechuang.demand.resynced";
    /** See {@link #ACHIEVEMENT_REMOVED}. */
    public static final String DEMAND_REMOVED = "kechuang.demand.removed";

    /** Whether {@code type} says that the aggregate was removed (its {@code data} is null). */
    public static boolean isRemoval(String type) {
        return ACHIEVEMENT_REMOVED.equals(type) || DEMAND_REMOVED.equals(type);
    }

    public static final String MATCH_SUGGESTED = "kechuang.match.suggested";
    public static final String MATCH_STATUS_CHANGED = "kechuang.match.status-changed";

    private EventTypes() {
    }
}
