package io.kechuang.events;

/** CloudEvents {@code type} values. Consumers act on the state in {@code data}; the type says why it changed. */
public final class EventTypes {

    public static final String ACHIEVEMENT_PUBLISHED = "kechuang.achievement.published";
    public static final String ACHIEVEMENT_UPDATED = "kechuang.achievement.updated";
    public static final String ACHIEVEMENT_WITHDRAWN = "kechuang.achievement.withdrawn";
    public static final String ACHIEVEMENT_TRANSFERRED = "kechuang.achievement.transferred";
    public static final String ACHIEVEMENT_EXPIRED = "kechuang.achievement.expired";

    public static final String DEMAND_OPENED = "kechuang.demand.opened";
    public static final String DEMAND_UPDATED = "kechuang.demand.updated";
    public static final String DEMAND_IN_NEGOTIATION = "kechuang.demand.in-negotiation";
    public static final String DEMAND_CLOSED = "kechuang.demand.closed";
    public static final String DEMAND_EXPIRED = "kechuang.demand.expired";
    public static final String DEMAND_FULFILLED = "kechuang.demand.fulfilled";

    public static final String MATCH_SUGGESTED = "kechuang.match.suggested";
    public static final String MATCH_STATUS_CHANGED = "kechuang.match.status-changed";

    private EventTypes() {
    }
}
