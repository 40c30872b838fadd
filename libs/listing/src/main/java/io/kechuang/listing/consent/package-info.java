/**
 * Consent to disclose, and NDAs, for the achievement and demand services: nothing a listing keeps from the public is
 * disclosed to a broker without its owner's consent. Being assigned to a match (claiming it) discloses nothing by
 * itself.
 * <ul>
 * <li>{@link io.kechuang.listing.consent.AccessRequests}: the broker assigned to a live match of a listing requests
 * access ({@code AccessScope} CONTACT, and DETAILS on demands) through that match; the owning organisation or an admin
 * grants or refuses it and may revoke a grant. A grant is per listing, per broker and per match assignment: when
 * {@code matches.v1} shows the match reassigned, declined or expired ({@link io.kechuang.listing.match.MatchAssignment},
 * in the transaction that records it), its pending requests and grants lapse.</li>
 * <li>{@link io.kechuang.listing.consent.Ndas}: an owner may require an NDA, as versioned terms (1, 2, …). A grant
 * discloses nothing until the broker accepted the current version; an introduced organisation sees no contact until
 * one of its users accepted it. Who accepted which version, when and in which capacity is recorded.</li>
 * <li>Every request, decision, lapse, NDA version, drop and acceptance is an event on the kind's consent topic
 * ({@code achievement-access.v1}, {@code demand-access.v1}) through the outbox, in the transaction of the change:
 * never a confidential part, never the terms' text.</li>
 * </ul>
 * The kernel ({@code ListingService}) resolves the listing and decides who the caller is to it (owner side, assigned
 * broker, introduced organisation, anyone else) and what a read discloses; this package keeps the rows, their rules
 * and their events, and the API model of them.
 * <p>
 * Tables: {@code access_request}, {@code nda_requirement}, {@code nda_terms}, {@code nda_acceptance}, from the Flyway
 * location {@code db/consent} shipped in this jar (version 4.1, after what either service had applied), which the
 * consuming services add to {@code quarkus.flyway.locations}: the library alone defines them, as it does
 * {@code match_link}.
 * <p>
 * Must not: depend on the listing kernel's service ({@code io.kechuang.listing}); it knows listings by id, kind and
 * owner only.
 */
package io.kechuang.listing.consent;
