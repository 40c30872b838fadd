/**
 * The transactional outbox. {@link io.kechuang.common.outbox.Outbox#append} writes an event row in the same
 * transaction as the state change; {@link io.kechuang.common.outbox.OutboxRelay} publishes committed rows to Kafka
 * in id order through an idempotent producer, woken by {@code NOTIFY}, with one active relay per service held by a
 * PostgreSQL advisory lock. The tables come from the {@code db/common} Flyway location, which every service adds to
 * {@code quarkus.flyway.locations}.
 */
package io.kechuang.common.outbox;
