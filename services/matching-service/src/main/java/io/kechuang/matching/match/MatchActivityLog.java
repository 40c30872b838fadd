package io.kechuang.matching.match;

import io.kechuang.events.match.MatchStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
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

    public List<MatchActivity> trail(MatchSuggestion match) {
        return MatchActivity.list("matchId = ?1 order by id", match.id);
    }
}
