package io.kechuang.common.jobs;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;
import java.util.function.IntUnaryOperator;

/**
 * Runs a scheduled job's work in bounded transactions. Each batch {@linkplain #claim claims} at most
 * {@code batchSize} rows with {@code FOR UPDATE SKIP LOCKED}, so replicas running the same job share the work instead
 * of repeating it, and commits; a short batch means nothing is left.
 */
public final class Batches {

    private Batches() {
    }

    /**
     * @param batch does one batch of at most the given number of items, in its own transaction, and returns how many
     *        it did
     * @return how many items all batches did together
     */
    public static int drain(int batchSize, IntUnaryOperator batch) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        int total = 0;
        int done;
        do {
            done = batch.applyAsInt(batchSize);
            total += done;
        } while (done == batchSize);
        return total;
    }

    /**
     * Locks and returns the ids of up to {@code limit} rows for this transaction. Rows another transaction holds are
     * skipped rather than waited for, so concurrent runs take disjoint rows; once a row is changed and committed it
     * no longer matches, so no row is processed twice.
     *
     * @param selectIds native SQL selecting the {@code uuid} ids of due rows in processing order, with positional
     *        parameters {@code ?1 ... ?n} for {@code parameters}; {@code limit} and the lock are appended
     */
    public static List<UUID> claim(EntityManager em, String selectIds, int limit, Object... parameters) {
        var query = em.createNativeQuery(selectIds + " limit ?" + (parameters.length + 1) + " for update skip locked",
                UUID.class);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        query.setParameter(parameters.length + 1, limit);
        @SuppressWarnings("unchecked")
        List<UUID> ids = query.getResultList();
        return ids;
    }
}
