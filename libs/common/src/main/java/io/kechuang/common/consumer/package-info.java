/**
 * Consumer-side pieces shared by every consuming service. {@link io.kechuang.common.consumer.ConsumerLoop} is the one
 * Kafka poll loop: poll, hand off through {@link io.kechuang.common.consumer.BoundedRetry} (waits out outages of the
 * infrastructure as {@link io.kechuang.common.consumer.InfrastructureFailures} tells them apart, bounded attempts for
 * other failures, then the {@link io.kechuang.common.consumer.DeadLetterQueue}), store offsets, retry failed Kafka
 * calls, restart a failed session with backoff, wake up and stop on close. Where it keeps its offsets is an
 * {@link io.kechuang.common.consumer.OffsetStore}: {@link io.kechuang.common.consumer.GroupOffsets} (a consumer-group
 * member committing to Kafka) or {@link io.kechuang.common.consumer.StoredOffsets} (every partition assigned, offsets
 * kept with the handler's own effects). {@link io.kechuang.common.consumer.ConsumerLiveness} turns loops that stay
 * down into a failing liveness check. {@link io.kechuang.common.consumer.VersionCheck} is the idempotent-consumer rule
 * (apply only newer aggregate versions). Topic names live in {@code io.kechuang.events.Topics}.
 */
package io.kechuang.common.consumer;
