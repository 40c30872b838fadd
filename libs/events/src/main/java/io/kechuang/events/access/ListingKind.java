package io.kechuang.events.access;

/** Which kind of listing a consent is about. */
public enum ListingKind {
    ACHIEVEMENT,
    DEMAND
}
