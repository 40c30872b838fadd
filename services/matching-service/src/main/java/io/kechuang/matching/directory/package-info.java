/**
 * The identity directory: the platform's organisations and users as the gateway publishes them on
 * {@code identity.v1} (never secrets, never contact data). {@link io.kechuang.matching.directory.IdentityConsumer} (a
 * {@link io.kechuang.common.consumer.ConsumerLoop} in the consumer group {@code matching-identity}) applies each event
 * to {@link io.kechuang.matching.directory.Directory}, which keeps {@code directory_organisation} and
 * {@code directory_user} and applies an event only if its revision is newer. The broker workflow asks it who a caller
 * is (an enabled broker? a lead of which brokerage?) and whom a match may be assigned to; the views ask it for the
 * names of brokers and brokerages. Nothing else writes these tables, and this package knows nothing of matches.
 */
package io.kechuang.matching.directory;
