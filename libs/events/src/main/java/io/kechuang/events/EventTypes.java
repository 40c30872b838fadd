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

    public static final String ORGANISATION_CHANGED = "kechuang.identity.organisation-changed";
    public static final String USER_CHANGED = "kechuang.identity.user-changed";

    public static final String ACCESS_REQUESTED = "kechuang.access.requested";
    public static final String ACCESS_GRANTED = "kechuang.access.granted";
    public static final String ACCESS_REFUSED = "kechuang.access.refused";
    public static final String ACCESS_REVOKED = "kechuang.access.revoked";
    /** The match was reassigned, declined or expired: the grant no longer holds. */
    public static final String ACCESS_LAPSED = "kechuang.access.lapsed";
    public static final String NDA_REQUIRED = "kechuang.nda.required";
    public static final String NDA_DROPPED = "kechuang.nda.dropped";
    public static final String NDA_ACCEPTED = "kechuang.nda.accepted";

    private EventTypes() {
    }
}
