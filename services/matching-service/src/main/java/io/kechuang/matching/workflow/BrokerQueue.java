package io.kechuang.matching.workflow;

import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.common.security.Caller;
import io.kechuang.common.security.Roles;
import io.kechuang.common.validation.RegionCodes;
import io.kechuang.events.match.MatchStatus;
import io.kechuang.matching.match.MatchSuggestion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The brokers' review queue and the parties' own list. Matches whose enterprise asked for an introduction come
 * first, whatever the sort.
 */
@ApplicationScoped
public class BrokerQueue {

    static final Set<MatchStatus> OPEN = EnumSet.of(MatchStatus.SUGGESTED, MatchStatus.SHORTLISTED,
            MatchStatus.INTRODUCED, MatchStatus.MEETING_SCHEDULED, MatchStatus.NEGOTIATING);

    @Inject
    EntityManager em;

    public Page<MatchSuggestion> queue(Caller caller, QueueFilter f, PageRequest page) {
        if (!caller.hasRole(Roles.BROKER) && !caller.isAdmin()) {
            throw ProblemException.forbidden("The review queue is for brokers and admins");
        }
        StringBuilder where = new StringBuilder("m.score >= :minScore");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("minScore", f.minScore());
        where.append(" and m.status in :statuses");
        params.put("statuses", f.status() == null ? OPEN : Set.of(f.status()));
        if (f.field() != null) {
            where.append(" and m.technicalField = :field");
            params.put("field", f.field().name());
        }
        if (f.confidence() != null) {
            where.append(" and m.confidence = :confidence");
            params.put("confidence", f.confidence());
        }
        if (f.region() != null) {
            where.append(" and m.region like :region");
            params.put("region", RegionCodes.prefix(f.region()) + "%");
        }
        switch (f.assigned()) {
            case ME -> {
                where.append(" and m.brokerSubject = :me");
                params.put("me", caller.subject());
            }
            case UNASSIGNED -> where.append(" and m.brokerSubject is null");
            case ANY -> {
            }
        }
        if (f.flaggedOnly()) {
            where.append(" and m.flaggedReason is not null");
        }
        if (f.updatedSince() != null) {
            where.append(" and m.updatedAt >= :since");
            params.put("since", f.updatedSince());
        }
        String order = switch (f.sort()) {
            case SCORE -> "m.score desc";
            case AGE -> "m.createdAt asc";
            case DEADLINE -> "m.demandDeadline asc nulls last, m.score desc";
        };
        return page("from MatchSuggestion m where " + where,
                " order by case when m.introductionRequestedAt is null then 1 else 0 end, m.introductionRequestedAt, "
                        + order + ", m.id",
                params, page);
    }

    /** The caller's organisation's matches, on either side, in any status; changed since an instant, if given. */
    public Page<MatchSuggestion> mine(Caller caller, MatchStatus status, OffsetDateTime updatedSince,
            PageRequest page) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("org", caller.orgId());
        String where = "(m.demandOwnerOrgId = :org or m.achievementOwnerOrgId = :org)";
        if (status != null) {
            where += " and m.status = :status";
            params.put("status", status);
        }
        if (updatedSince != null) {
            where += " and m.updatedAt >= :since";
            params.put("since", updatedSince);
        }
        return page("from MatchSuggestion m where " + where, " order by m.updatedAt desc, m.id", params, page);
    }

    private Page<MatchSuggestion> page(String from, String order, Map<String, Object> params, PageRequest page) {
        TypedQuery<Long> count = em.createQuery("select count(m) " + from, Long.class);
        TypedQuery<MatchSuggestion> select = em.createQuery("select m " + from + order, MatchSuggestion.class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            select.setParameter(k, v);
        });
        return Page.of(select.setFirstResult(page.offset()).setMaxResults(page.size).getResultList(), page,
                count.getSingleResult());
    }
}
