/**
 * How the achievement and demand services follow the matches of their listings. A service declares a
 * {@link io.kechuang.listing.match.MatchReaction} (its service class implements it);
 * {@link io.kechuang.listing.match.MatchEventsConsumer} then consumes {@code matches.v1} in the service's own consumer
 * group, and {@link io.kechuang.listing.match.MatchLinks} records each newer match state (the version check, the
 * counterpart organisation, the assigned broker, the time of the introduction) and runs the reaction in the same
 * transaction, and fires a {@link io.kechuang.listing.match.MatchAssignment} there (consent given through the match
 * lapses on it). {@code ListingService} reads the introductions to disclose a listing's contact to the introduced
 * counterpart, and asks {@link io.kechuang.listing.match.AssignedBrokerReads} who is the assigned broker and to audit
 * that broker's reads.
 * <p>
 * Tables: {@code match_link} comes from the Flyway location {@code db/matches}, shipped in this jar, which the
 * consuming services add to {@code quarkus.flyway.locations}. {@code broker_read} is written here but created by each
 * service's own migrations, because their histories differ and are already applied in existing databases: the
 * achievement service created it in its V2 (with a foreign key to {@code achievement}), the demand service created
 * {@code confidential_read} in its V2 and renamed it in its V3 (with a foreign key to {@code demand}). Both end with
 * the columns this package writes; moving or merging those files would change applied migrations' checksums.
 * <p>
 * Must not: depend on the listing kernel's service ({@code io.kechuang.listing}); it knows listings only by id.
 */
package io.kechuang.listing.match;
