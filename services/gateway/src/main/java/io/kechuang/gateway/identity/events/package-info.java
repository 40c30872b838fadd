/**
 * {@code identity.v1}: what the other services may know of the gateway's organisations and users, written through
 * the shared transactional outbox in the transaction of the change ({@link
 * io.kechuang.gateway.identity.events.IdentityEvents}), and once at start-up for rows that predate the topic ({@link
 * io.kechuang.gateway.identity.events.IdentityBackfill}). Each event carries the whole state after the change and a
 * version that grows with every change of the row. Must not: put a password hash, a client secret, a credit code or
 * contact data on the topic, or publish API clients (they are not people a match can be assigned to).
 */
package io.kechuang.gateway.identity.events;
