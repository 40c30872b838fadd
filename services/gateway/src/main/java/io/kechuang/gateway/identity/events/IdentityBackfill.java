package io.kechuang.gateway.identity.events;

import io.kechuang.gateway.identity.Organisation;
import io.kechuang.gateway.identity.UserAccount;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Publishes, once, the organisations and users that were never on {@code identity.v1}: rows made before the topic
 * existed (the bootstrap administrator, demo accounts, real installations), which the V4 migration left at version 0.
 * Runs at every start; each row leaves version 0 in the transaction that writes its event, so a second start, or a
 * second replica, finds nothing left to do. Replicas starting together queue on a PostgreSQL advisory lock.
 * Organisations go first (they are other keys, so consumers must not rely on that order).
 */
@ApplicationScoped
public class IdentityBackfill {

    private static final Logger LOG = Logger.getLogger(IdentityBackfill.class);
    /** Advisory lock key ("kcidbf"); advisory locks are per database, and the gateway owns its database. */
    private static final long LOCK_KEY = 0x6b63_6964_6266L;
    static final int BATCH = 200;

    @Inject
    IdentityEvents events;

    @Inject
    EntityManager em;

    /** After the bootstrap administrator (default priority, 2500), which publishes the rows it makes itself. */
    void onStart(@Observes @Priority(3000) StartupEvent event) {
        int published = publishUnpublished();
        if (published > 0) {
            LOG.infof("Published %d organisations and users that identity.v1 did not have yet", published);
        }
    }

    /** Publishes every row still at version 0, in batches of {@value #BATCH}; returns how many. */
    public int publishUnpublished() {
        int total = 0;
        int batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(this::publishBatch);
            total += batch;
        } while (batch > 0);
        return total;
    }

    private int publishBatch() {
        em.createNativeQuery("select 1 from (select pg_advisory_xact_lock(?1)) locked").setParameter(1, LOCK_KEY)
                .getSingleResult();
        List<Organisation> orgs = em.createQuery("from Organisation where version = 0 order by createdAt, id",
                Organisation.class).setLockMode(LockModeType.PESSIMISTIC_WRITE).setMaxResults(BATCH).getResultList();
        orgs.forEach(events::organisationChanged);
        if (!orgs.isEmpty()) {
            return orgs.size();
        }
        List<UserAccount> users = em.createQuery("from UserAccount where version = 0 order by createdAt, id",
                UserAccount.class).setLockMode(LockModeType.PESSIMISTIC_WRITE).setMaxResults(BATCH).getResultList();
        users.forEach(events::userChanged);
        return users.size();
    }
}
