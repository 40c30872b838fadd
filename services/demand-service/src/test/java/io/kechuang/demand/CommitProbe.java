package io.kechuang.demand;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.UUID;

/** A transaction of the tests' own that writes, then lets the test act before it commits. */
@ApplicationScoped
public class CommitProbe {

    @Inject
    EntityManager em;

    /** Touches demand {@code id}, runs {@code beforeCommit}, then commits. */
    @Transactional
    public void touchThen(UUID id, Runnable beforeCommit) {
        em.createNativeQuery("update demand set updated_at = updated_at where id = ?1").setParameter(1, id)
                .executeUpdate();
        beforeCommit.run();
    }
}
