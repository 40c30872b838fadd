/**
 * Dead letters an admin can see and replay. A service names its dead-letter topic and sends a replayed record back to
 * the consumer that gave up on it ({@link io.kechuang.common.deadletter.DeadLetterReplayer}); this package reads the
 * topic page by page with a plain Kafka client (assign and seek, no group, never more than a page in memory:
 * {@link io.kechuang.common.deadletter.DeadLetterTopic}), replays one record or every one not yet replayed
 * ({@link io.kechuang.common.deadletter.DeadLetters}), audits every replay in the service's own database
 * ({@link io.kechuang.common.deadletter.ReplayAudit}, table {@code dead_letter_replay}) and declares the admin API
 * ({@link io.kechuang.common.deadletter.DeadLetterResource}, which a service extends with its {@code @Path}). It never
 * writes to a dead-letter topic: a replay that fails again leaves the dead letter where it is, with the failure in its
 * audit, and adds no second one.
 */
package io.kechuang.common.deadletter;
