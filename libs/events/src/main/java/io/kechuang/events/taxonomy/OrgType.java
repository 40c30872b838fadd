package io.kechuang.events.taxonomy;

/** Organisation types, carried in the {@code orgType} claim of every token. */
public enum OrgType {
    UNIVERSITY,
    RESEARCH_INSTITUTE,
    ENTERPRISE,
    BROKERAGE,
    /** The platform operator itself (admins, system clients). */
    PLATFORM,
    /** A partner portal calling with a client token. */
    PARTNER;

    /** Universities and research institutes publish achievements. */
    public boolean publishesAchievements() {
        return this == UNIVERSITY || this == RESEARCH_INSTITUTE;
    }
}
