package io.kechuang.matching.match;

import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.events.match.MatchStatus;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/** Writes and reads the audit trail, in the same transaction as the change it records. */
@ApplicationScoped
public class MatchActivityLog {

    @Transactional(Transactional.TxType.MANDATORY)
    public MatchActivity record(MatchSuggestion match, String action, MatchStatus from, MatchStatus to, Actor actor,
            String reason, Map<String, Object> details) {
        MatchActivity a = new MatchActivity();
        a.matchId = match.id;
        a.action = action;
        a.fromStatus = from;
        a.toStatus = to;
        a.actor = actor.subject();
        a.actorOrg = actor.orgId();
        a.actorRole = actor.role();
        a.reason = reason;
        a.details = details;
        a.at = OffsetDateTime.now(ZoneOffset.UTC);
        a.persist();
        return a;
    }

    /** One page of the trail, oldest first. */
    public Page<MatchActivity> trail(MatchSuggestion match, PageRequest page) {
        PanacheQuery<MatchActivity> query = MatchActivity.find("matchId = ?1", Sort.ascending("id"), match.id);
        return Page.of(query.page(page.page, page.size).list(), page, query.count());
    }
}
