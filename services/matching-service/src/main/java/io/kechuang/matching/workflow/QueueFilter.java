package io.kechuang.matching.workflow;

import io.kechuang.events.match.MatchStatus;
import io.kechuang.events.taxonomy.TechnicalField;
import io.kechuang.matching.scoring.ScoringConfig.Confidence;
import java.time.OffsetDateTime;

/**
 * Broker queue filters and order.
 *
 * @param status one status, or null for every open one (SUGGESTED to NEGOTIATING)
 * @param assigned ME, UNASSIGNED, or ANY
 * @param confidence one confidence band, or null for every band
 * @param sort SCORE (best first), AGE (oldest first) or DEADLINE (nearest demand deadline first)
 * @param updatedSince only matches changed at or after this instant, or null for all
 */
public record QueueFilter(MatchStatus status, TechnicalField field, String region, double minScore,
        Confidence confidence, Assigned assigned, boolean flaggedOnly, Sort sort, OffsetDateTime updatedSince) {

    public enum Assigned {
        ME, UNASSIGNED, ANY
    }

    public enum Sort {
        SCORE, AGE, DEADLINE
    }
}
