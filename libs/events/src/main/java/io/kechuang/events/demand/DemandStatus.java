package io.kechuang.events.demand;

/** {@code DRAFT → OPEN → IN_NEGOTIATION → FULFILLED | CLOSED | EXPIRED}. */
public enum DemandStatus {
    DRAFT,
    OPEN,
    IN_NEGOTIATION,
    FULFILLED,
    CLOSED,
    EXPIRED
}
