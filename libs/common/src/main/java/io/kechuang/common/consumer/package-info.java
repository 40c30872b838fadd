/**
 * Consumer-side pieces shared by every consuming service: {@link io.kechuang.common.consumer.TopicConsumer} (a
 * consumer-group member that commits offsets only after its handler's side effects are durable),
 * {@link io.kechuang.common.consumer.VersionCheck} (apply only newer aggregate versions),
 * {@link io.kechuang.common.consumer.BoundedRetry} (bounded attempts, then the dead-letter queue) and
 * {@link io.kechuang.common.consumer.DeadLetterQueue}. Topic names live in {@code io.kechuang.events.Topics}.
 */
package io.kechuang.common.consumer;
