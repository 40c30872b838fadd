package io.kechuang.events.match;

/**
 * {@code SUGGESTED → SHORTLISTED → INTRODUCED → MEETING_SCHEDULED → NEGOTIATING → CONTRACTED}, or
 * {@code DECLINED}, or {@code EXPIRED} (only from SUGGESTED or SHORTLISTED, when a side leaves the market).
 */
public enum MatchStatus {
    SUGGESTED,
    SHORTLISTED,
    INTRODUCED,
    MEETING_SCHEDULED,
    NEGOTIATING,
    CONTRACTED,
    DECLINED,
    EXPIRED
}
