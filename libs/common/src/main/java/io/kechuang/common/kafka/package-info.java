/** Kafka client settings from configuration, and topic creation at start-up for the topics a service produces. */
package io.kechuang.common.kafka;
