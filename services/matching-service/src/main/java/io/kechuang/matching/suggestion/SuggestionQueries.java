package io.kechuang.matching.suggestion;

import io.kechuang.matching.scoring.ScoringConfig.Confidence;
import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.common.security.Caller;
import io.kechuang.common.security.Roles;
import io.kechuang.events.match.MatchDeclineReason;
import io.kechuang.events.match.MatchStatus;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.index.MatchIndex;
import io.kechuang.matching.match.MatchSuggestion;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reads suggestions with object-level checks: an enterprise sees the suggestions of its own demands, a university
 * those of its own achievements, brokers and admins all of them. Anything else is a 404, never a hint that it
 * exists.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class SuggestionQueries {

    /** What a list shows unless a status is asked for: live pairs, not the ones that expired with their item. */
    private static final Set<MatchStatus> DEFAULT_STATUSES = EnumSet.complementOf(EnumSet.of(MatchStatus.EXPIRED));

    @Inject
    MatchIndex index;

    public Page<MatchSuggestion> forItem(Caller caller, Item.Kind kind, UUID itemId, MatchStatus status,
            double minScore, Confidence confidence, OffsetDateTime updatedSince, PageRequest page) {
        Item item = indexed(itemId).filter(i -> i.kind() == kind)
                .orElseThrow(() -> ProblemException.notFound(kind == Item.Kind.DEMAND ? "Demand" : "Achievement", itemId));
        boolean mayRead = caller.hasRole(Roles.BROKER) || caller.isAdmin()
                || (caller.belongsTo(item.ownerOrgId())
                        && caller.hasRole(kind == Item.Kind.DEMAND ? Roles.ENTERPRISE : Roles.UNIVERSITY));
        if (!mayRead) {
            throw ProblemException.notFound(kind == Item.Kind.DEMAND ? "Demand" : "Achievement", itemId);
        }
        String column = kind == Item.Kind.DEMAND ? "demandId" : "achievementId";
        Parameters params = Parameters.with("item", itemId).and("minScore", minScore)
                .and("statuses", status == null ? DEFAULT_STATUSES : Set.of(status));
        String filters = "";
        if (confidence != null) {
            params = params.and("confidence", confidence);
            filters = " and confidence = :confidence";
        }
        if (updatedSince != null) {
            params = params.and("since", updatedSince);
            filters += " and updatedAt >= :since";
        } else if (status == null) {
            // A pair an owner called not relevant leaves the lists; a change feed (updatedSince) still shows it, so a
            // portal learns to drop it, and status=DECLINED lists it.
            params = params.and("notRelevant", MatchDeclineReason.NOT_RELEVANT);
            filters += " and (declineReason is null or declineReason <> :notRelevant)";
        }
        PanacheQuery<MatchSuggestion> query = MatchSuggestion.find(
                column + " = :item and score >= :minScore and status in :statuses" + filters,
                Sort.descending("score").and("id"), params);
        return Page.of(query.page(page.page, page.size).list(), page, query.count());
    }

    public MatchSuggestion one(Caller caller, UUID id) {
        MatchSuggestion row = MatchSuggestion.findById(id);
        if (row == null || !(caller.hasRole(Roles.BROKER) || caller.isAdmin()
                || caller.belongsTo(row.demandOwnerOrgId) || caller.belongsTo(row.achievementOwnerOrgId))) {
            throw ProblemException.notFound("Match", id);
        }
        return row;
    }

    private Optional<Item> indexed(UUID id) {
        try {
            return index.item(id.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
