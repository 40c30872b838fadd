package io.kechuang.listing;

import io.kechuang.events.Revision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * The listing service's event epoch (table {@code event_epoch}, one row): 0 until its first resync, then the Unix
 * second at which the latest resync began. Every listing event carries it ({@link Revision}).
 * <p>
 * Each emitting transaction reads the epoch {@code FOR SHARE}, and a resync raises it under the row's exclusive lock.
 * So a change either commits before the epoch moves (its event is in the old epoch and the resync republishes the
 * listing after it) or reads the new epoch; never an old-epoch event after the republished state, which consumers
 * would then skip as older.
 * <p>
 * Time, not a counter, so that a database restored from a backup, whose row holds an old epoch, still moves past every
 * epoch used since the backup was taken.
 */
@ApplicationScoped
public class EventEpoch {

    @Inject
    EntityManager em;

    /** The revision an event of a listing at {@code version} carries now. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Revision revisionOf(long version) {
        return new Revision(current(), version);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public long current() {
        return ((Number) em.createNativeQuery("select epoch from event_epoch for share").getSingleResult()).longValue();
    }

    /** Moves to a new epoch, later than both the current one and any used before {@code now}; returns it. */
    @Transactional(Transactional.TxType.MANDATORY)
    long advance(Instant now) {
        long current = ((Number) em.createNativeQuery("select epoch from event_epoch for update").getSingleResult())
                .longValue();
        long next = Math.max(current + 1, now.getEpochSecond());
        em.createNativeQuery("update event_epoch set epoch = ?1").setParameter(1, next).executeUpdate();
        return next;
    }
}
