package io.kechuang.listing.match;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How a listing service consumes {@code matches.v1}. */
@ConfigMapping(prefix = "kechuang.match-events")
public interface MatchEventsConfig {

    /** Whether to consume at all; only services with a {@link MatchReaction} do in any case. */
    @WithDefault("true")
    boolean enabled();

    /** The consumer group, one per service: its replicas share the partitions. */
    @WithDefault("${quarkus.application.name}-matches")
    String group();

    /** Where records go that cannot be processed; the service creates it at start-up. */
    @WithDefault("${quarkus.application.name}.dlq")
    String deadLetterTopic();

    /** Attempts per record before it is dead-lettered; failures of the database or Kafka do not count. */
    @WithDefault("4")
    int maxAttempts();

    /** Pause after the first failed attempt; doubles with each further one. */
    @WithDefault("200ms")
    Duration initialBackoff();

    /**
     * The longest pause between two attempts while the database or Kafka is unavailable: such a record is retried
     * until they are back, never dead-lettered.
     */
    @WithDefault("30s")
    Duration maxBackoff();

    @WithDefault("500ms")
    Duration pollTimeout();

    /** Pause before a record is tried again whose dead letter could not be written. */
    @WithDefault("5s")
    Duration stallBackoff();
}
