package io.kechuang.events;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;

/**
 * CloudEvents 1.0 envelope (structured mode) with the Kechuang extension attribute {@code aggregateVersion}.
 *
 * @param specversion always {@value #SPEC_VERSION}
 * @param id unique event id; consumers may use it to drop exact duplicates
 * @param type e.g. {@code kechuang.achievement.published}, see {@link EventTypes}
 * @param source the producing service, e.g. {@code /services/achievement-service}
 * @param subject the aggregate id, also the Kafka record key
 * @param time when the state change was committed
 * @param datacontenttype always {@code application/json}
 * @param aggregateVersion the aggregate's version after the change; strictly increasing per aggregate
 * @param data the full public state of the aggregate after the change
 */
public record EventEnvelope<T>(
        String specversion,
        UUID id,
        String type,
        String source,
        String subject,
        OffsetDateTime time,
        String datacontenttype,
        long aggregateVersion,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String DATA_CONTENT_TYPE = "application/json";
    /** Kafka header value announcing structured-mode CloudEvents. */
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
        if (aggregateVersion < 0) {
            throw new IllegalArgumentException("aggregateVersion must not be negative");
        }
    }

    /** A new envelope with a fresh id, stamped now (UTC). */
    public static <T> EventEnvelope<T> of(String type, String source, String subject, long aggregateVersion, T data) {
        return new EventEnvelope<>(SPEC_VERSION, UUID.randomUUID(), type, source, subject,
                OffsetDateTime.now(ZoneOffset.UTC), DATA_CONTENT_TYPE, aggregateVersion, data);
    }
}
