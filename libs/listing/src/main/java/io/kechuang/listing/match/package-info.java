/**
 * How the achievement and demand services follow the matches of their listings. A service declares a
 * {@link io.kechuang.listing.match.MatchReaction}; {@link io.kechuang.listing.match.MatchEventsConsumer} then consumes
 * {@code matches.v1} in the service's own consumer group, and {@link io.kechuang.listing.match.MatchLinks} records each
 * newer match state (the version check, the counterpart organisation, the assigned broker, the time of the
 * introduction) and runs the reaction in the same transaction. {@code Listings} reads the introductions to disclose a
 * listing's contact to the introduced counterpart; {@link io.kechuang.listing.match.AssignedBrokerReads} serves the
 * broker assigned to a live match what the listing keeps from the public, audited in {@code broker_read}. The {@code match_link} table comes from the {@code db/matches}
 * Flyway location, which only consuming services add to {@code quarkus.flyway.locations}.
 */
package io.kechuang.listing.match;
