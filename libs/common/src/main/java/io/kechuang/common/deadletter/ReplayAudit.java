package io.kechuang.common.deadletter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The durable audit of replays, in the service's own table {@code dead_letter_replay}: a row is written
 * ({@code STARTED}) and committed before the handler runs, and completed with the outcome after, each in a
 * transaction of its own, so that a replay the service did not live to finish is visible too.
 */
@ApplicationScoped
public class ReplayAudit {

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public ReplayView start(String topic, DeadLetterId id, String consumer, String replayedBy) {
        UUID replay = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        em.createNativeQuery("insert into dead_letter_replay (id, dlq_topic, dlq_partition, dlq_offset, consumer, "
                        + "replayed_by, replayed_at, outcome) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                .setParameter(1, replay).setParameter(2, topic).setParameter(3, id.partition())
                .setParameter(4, id.offset()).setParameter(5, consumer).setParameter(6, replayedBy)
                .setParameter(7, now).setParameter(8, ReplayView.STARTED).executeUpdate();
        return new ReplayView(replay, id.toString(), consumer, replayedBy, now, ReplayView.STARTED, null);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public ReplayView finish(ReplayView started, String outcome, String error) {
        em.createNativeQuery("update dead_letter_replay set outcome = ?2, error = ?3, finished_at = now() where id = ?1")
                .setParameter(1, started.id()).setParameter(2, outcome).setParameter(3, error).executeUpdate();
        return new ReplayView(started.id(), started.deadLetter(), started.consumer(), started.replayedBy(),
                started.replayedAt(), outcome, error);
    }

    /** The replays of these dead letters, newest first, by dead-letter id. */
    @Transactional
    public Map<DeadLetterId, List<ReplayView>> of(String topic, Collection<DeadLetterId> ids) {
        Map<DeadLetterId, List<ReplayView>> replays = new HashMap<>();
        if (ids.isEmpty()) {
            return replays;
        }
        // One query per page: the ids of a page are few (at most a page or a replay chunk).
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>();
        params.add(topic);
        for (DeadLetterId id : ids) {
            where.append(where.isEmpty() ? "" : " or ").append("(dlq_partition = ?").append(params.size() + 1)
                    .append(" and dlq_offset = ?").append(params.size() + 2).append(')');
            params.add(id.partition());
            params.add(id.offset());
        }
        var query = em.createNativeQuery("select id, dlq_partition, dlq_offset, consumer, replayed_by, replayed_at, "
                + "outcome, error from dead_letter_replay where dlq_topic = ?1 and (" + where
                + ") order by replayed_at desc, id");
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        for (Object row : query.getResultList()) {
            Object[] r = (Object[]) row;
            DeadLetterId id = new DeadLetterId(((Number) r[1]).intValue(), ((Number) r[2]).longValue());
            replays.computeIfAbsent(id, k -> new ArrayList<>()).add(new ReplayView((UUID) r[0], id.toString(),
                    (String) r[3], (String) r[4], timestamp(r[5]), (String) r[6], (String) r[7]));
        }
        return replays;
    }

    private static OffsetDateTime timestamp(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t;
        }
        if (value instanceof java.time.Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) value).toInstant().atOffset(ZoneOffset.UTC);
    }
}
