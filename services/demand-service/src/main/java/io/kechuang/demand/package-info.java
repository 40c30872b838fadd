/**
 * Demands (技术需求): enterprises state a technical problem they want solved, with indicators, budget and deadline,
 * open it to the market, and close it or mark it fulfilled. {@code rest} is the HTTP API, {@code service} the
 * rules and transactions (every state change outside drafts writes one event to the outbox), {@code mapping}
 * converts between entity, API model and event payload, {@code csv} is the bulk import. Confidential details and
 * the contact never leave the service except to the owner and admins.
 */
package io.kechuang.demand;
