/**
 * Demands (技术需求): enterprises state a technical problem they want solved, with indicators, budget and deadline,
 * open it to the market, and close it or mark it fulfilled. {@code api} is the API model (requests and views) that
 * every layer may use, {@code rest} the HTTP API, {@code service} the rules and transactions on the listing kernel
 * (every state change outside drafts writes one event to the outbox), {@code mapping} converts between entity, API
 * model and event payload, {@code csv} is the bulk import. Layers depend downwards only: nothing imports
 * {@code rest}. The service follows the matches of its demands on {@code matches.v1}: a demand goes into
 * negotiation when one is introduced, back on the open market when every introduced match is declined again, and
 * is fulfilled when one is contracted. Confidential details and the contact never leave the service except to the
 * owner and admins; the contact also to an organisation introduced through a match (once it accepted any NDA the
 * enterprise requires), and what the enterprise granted to the broker assigned to a match
 * ({@link io.kechuang.listing.consent}), whose every read is audited
 * ({@link io.kechuang.listing.match.AssignedBrokerReads}).
 */
package io.kechuang.demand;
