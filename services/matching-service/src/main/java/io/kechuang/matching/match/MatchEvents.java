package io.kechuang.matching.match;

import io.kechuang.common.outbox.Outbox;
import io.kechuang.events.EventTypes;
import io.kechuang.events.Topics;
import io.kechuang.events.match.MatchState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * A match's events on {@code matches.v1}: its public state ({@link MatchState}) keyed by the match id, appended to the
 * outbox in the transaction of the change. The match is flushed first, so the event carries the version just
 * written, the one the achievement and demand services order the match's events by.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class MatchEvents {

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    /** A new pair: {@code kechuang.match.suggested}. */
    public void suggested(MatchSuggestion match) {
        append(EventTypes.MATCH_SUGGESTED, match);
    }

    /**
     * The status changed, or the assigned broker did ({@code kechuang.match.status-changed}): the demand service learns
     * from it which broker may read the demand's confidential details.
     */
    public void changed(MatchSuggestion match) {
        append(EventTypes.MATCH_STATUS_CHANGED, match);
    }

    /** The match as the other services see it. */
    public static MatchState state(MatchSuggestion m) {
        return new MatchState(m.id, m.demandId, m.achievementId, m.demandOwnerOrgId, m.achievementOwnerOrgId, m.status,
                m.score, m.version, m.updatedAt, m.brokerSubject, m.brokerOrgId, m.contractMode);
    }

    private void append(String type, MatchSuggestion match) {
        em.flush();
        outbox.append(Topics.MATCHES, type, match.id.toString(), match.version, state(match));
    }
}
