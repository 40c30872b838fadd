package io.kechuang.listing.consent;

import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.paging.Where;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.function.Function;

/** One page of a consent entity's rows that {@code where} selects, with the total, in the given order. */
final class PagedQuery {

    private PagedQuery() {
    }

    static <E, V> Page<V> of(EntityManager em, Class<E> entity, Where where, String orderBy, PageRequest page,
            Function<E, V> view) {
        String from = " from " + entity.getSimpleName() + " where " + where.query();
        TypedQuery<E> rows = em.createQuery(from + " order by " + orderBy, entity).setFirstResult(page.offset()).setMaxResults(page.size);
        TypedQuery<Long> count = em.createQuery("select count(*)" + from, Long.class);
        where.parameters().forEach((name, value) -> {
            rows.setParameter(name, value);
            count.setParameter(name, value);
        });
        List<V> items = rows.getResultList().stream().map(view).toList();
        return Page.of(items, page, count.getSingleResult());
    }
}
