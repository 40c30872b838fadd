package io.kechuang.events.achievement;

/** {@code DRAFT → PUBLISHED → WITHDRAWN | TRANSFERRED | EXPIRED}; withdrawn or expired listings may be republished. */
public enum AchievementStatus {
    DRAFT,
    PUBLISHED,
    WITHDRAWN,
    TRANSFERRED,
    EXPIRED
}
