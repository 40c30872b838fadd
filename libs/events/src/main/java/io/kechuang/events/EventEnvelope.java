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
 * @param aggregateVersion the aggregate's version after the change; strictly increasing per aggregate within an epoch
 * @param epoch the producer's event epoch (extension attribute {@code epoch}): 0 until the producer's first resync,
 *        then the second (Unix time) at which its latest resync began. A resync republishes every aggregate in a new,
 *        higher epoch, so that consumers converge on the producer's database even where Kafka holds versions that
 *        database no longer has (it was rolled back by a crash or restored from a backup). Consumers order events by
 *        {@link #revision()}: epoch first, then version. Events written before epochs existed read as epoch 0.
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
        long epoch,
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
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must not be negative");
        }
    }

    /** A new envelope in epoch 0 with a fresh id, stamped now (UTC). */
    public static <T> EventEnvelope<T> of(String type, String source, String subject, long aggregateVersion, T data) {
        return of(type, source, subject, new Revision(0, aggregateVersion), data);
    }

    /** A new envelope at {@code revision} with a fresh id, stamped now (UTC). */
    public static <T> EventEnvelope<T> of(String type, String source, String subject, Revision revision, T data) {
        return new EventEnvelope<>(SPEC_VERSION, UUID.randomUUID(), type, source, subject,
                OffsetDateTime.now(ZoneOffset.UTC), DATA_CONTENT_TYPE, revision.version(), revision.epoch(), data);
    }

    /** Where this event stands in its aggregate's history: what consumers compare to skip old and duplicate events. */
    public Revision revision() {
        return new Revision(epoch, aggregateVersion);
    }
}
