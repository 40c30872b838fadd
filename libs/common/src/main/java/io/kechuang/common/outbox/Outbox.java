package io.kechuang.common.outbox;

import io.kechuang.events.EventEnvelope;
import io.kechuang.events.EventJson;
import io.kechuang.events.Revision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Writes events into the outbox table inside the caller's transaction, so an event exists if and only if its
 * state change committed. The {@link OutboxRelay} publishes them afterwards.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    EntityManager em;

    @Inject
    OutboxConfig config;

    /** Builds an envelope stamped with this service as source and appends it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> EventEnvelope<T> append(String topic, String type, String aggregateId, long aggregateVersion, T data) {
        EventEnvelope<T> envelope = EventEnvelope.of(type, config.source(), aggregateId, aggregateVersion, data);
        append(topic, envelope);
        return envelope;
    }

    /** As {@link #append(String, String, String, long, Object)}, at a revision of a producer that resyncs (epochs). */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> EventEnvelope<T> append(String topic, String type, String aggregateId, Revision revision, T data) {
        EventEnvelope<T> envelope = EventEnvelope.of(type, config.source(), aggregateId, revision, data);
        append(topic, envelope);
        return envelope;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String topic, EventEnvelope<?> envelope) {
        // Flush first so the aggregate's UPDATE (and its row lock and version check) precedes the outbox row:
        // a later change of the same aggregate then always gets a larger outbox id, which keeps per-key order.
        em.flush();
        em.createNativeQuery("insert into outbox_event (event_id, topic, message_key, event_type, payload) "
                        + "values (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, envelope.id())
                .setParameter(2, topic)
                .setParameter(3, envelope.subject())
                .setParameter(4, envelope.type())
                .setParameter(5, EventJson.write(envelope))
                .executeUpdate();
    }
}
