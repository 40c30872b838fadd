package io.kechuang.events.access;

/** What a broker asks to read. */
public enum AccessScope {
    /** A demand's confidential details. */
    DETAILS,
    /** The listing's contact person, phone and e-mail. */
    CONTACT
}
