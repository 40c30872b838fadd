package io.kechuang.events;

/** CloudEvents {@code type} values. Consumers act on the state in {@code data}; the type says why it changed. */
public final class EventTypes {

    public static final String ACHIEVEMENT_PUBLISHED = "kechuang.achievement.published";
    public static final String ACHIEVEMENT_UPDATED = "kechuang.achievement.updated";
    public static final String ACHIEVEMENT_WITHDRAWN = "kechuang.achievement.withdrawn";
    public static final String ACHIEVEMENT_TRANSFERRED = "kechuang.achievement.transferred";
    public static final String ACHIEVEMENT_EXPIRED = "kechuang.achievement.expired";

    private EventTypes() {
    }
}
