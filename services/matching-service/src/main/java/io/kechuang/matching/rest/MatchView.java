package io.kechuang.matching.rest;

import io.kechuang.events.match.MatchStatus;
import io.kechuang.matching.directory.Directory;
import io.kechuang.matching.scoring.Suggestion.Explanation;
import io.kechuang.matching.scoring.Suggestion.Feature;
import io.kechuang.matching.scoring.ScoringConfig.Confidence;
import io.kechuang.matching.scoring.Suggestion.FeatureScore;
import io.kechuang.matching.match.MatchSuggestion;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A suggestion as the API shows it: the pair, the score with its breakdown, and the explanation. */
@Schema(name = "Match")
public record MatchView(
        UUID id,
        Side demand,
        Side achievement,
        MatchStatus status,
        @Schema(description = "Combined score in [0,1]", example = "0.78") double score,
        @Schema(description = "Confidence band of the score: STRONG (fitted to a precision of 0.6 on the hand-judged "
                + "set), POSSIBLE (0.3), WEAK (below)") Confidence confidence,
        @Schema(description = "Per feature: value in [0,1], weight, contribution to the score") Map<Feature, FeatureScore> breakdown,
        Explanation explanation,
        long version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        OffsetDateTime scoredAt,
        @Schema(description = "The assigned broker's user id, null while unassigned") String broker,
        @Schema(description = "The assigned broker's display name from the platform's directory; null while "
                + "unassigned or unknown. Never contact data", example = "钱经理") String brokerName,
        @Schema(description = "The assigned broker's organisation (brokerage); null while unassigned")
        BrokerOrganisation brokerOrganisation,
        @Schema(description = "When the enterprise asked for an introduction") OffsetDateTime introductionRequestedAt,
        @Schema(description = "Set when a side left the market after the introduction") String flaggedReason,
        OffsetDateTime statusChangedAt,
        MatchSuggestion.Meeting meeting,
        Contract contract,
        Decline decline) {

    @Schema(name = "MatchContract")
    public record Contract(java.math.BigDecimal amount, String currency, io.kechuang.events.taxonomy.CooperationMode cooperationMode,
            java.time.LocalDate signedOn) {
    }

    @Schema(name = "MatchDecline")
    public record Decline(io.kechuang.events.match.MatchDeclineReason reasonCode, String comment) {
    }

    /** The brokerage of the assigned broker: its id, and its name from the directory (null when unknown). */
    @Schema(name = "MatchBrokerOrganisation")
    public record BrokerOrganisation(UUID id, @Schema(example = "天府技术经纪有限公司") String name) {
    }

    /** One side of the pair. */
    @Schema(name = "MatchSide")
    public record Side(UUID id, String title, UUID ownerOrgId) {
    }

    /** The view of a match, with the assigned broker's names as {@code names} know them. */
    static MatchView of(MatchSuggestion row, Directory.Names names) {
        return new MatchView(row.id, new Side(row.demandId, row.demandTitle, row.demandOwnerOrgId),
                new Side(row.achievementId, row.achievementTitle, row.achievementOwnerOrgId), row.status, row.score,
                row.confidence, row.breakdown, row.explanation, row.version, row.createdAt, row.updatedAt, row.scoredAt, row.brokerSubject,
                names.user(row.brokerSubject, row.brokerOrgId),
                row.brokerOrgId == null ? null
                        : new BrokerOrganisation(row.brokerOrgId, names.organisation(row.brokerOrgId)),
                row.introductionRequestedAt, row.flaggedReason, row.statusChangedAt, row.meeting,
                row.contractAmount == null ? null
                        : new Contract(row.contractAmount, row.contractCurrency, row.contractMode, row.contractSignedOn),
                row.declineReason == null ? null : new Decline(row.declineReason, row.declineComment));
    }
}
