package io.kechuang.events.access;

/**
 * Where an access request stands. PENDING → GRANTED | REFUSED; GRANTED → REVOKED (by the owner) or LAPSED (the
 * match was reassigned, declined or expired: a new broker needs a fresh grant). REFUSED, REVOKED and LAPSED are final.
 */
public enum AccessStatus {
    PENDING,
    GRANTED,
    REFUSED,
    REVOKED,
    LAPSED
}
