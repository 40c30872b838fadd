package io.kechuang.matching.match;

import io.kechuang.events.match.MatchDeclineReason;
import io.kechuang.events.match.MatchStatus;
import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.matching.scoring.ScoringConfig.Confidence;
import io.kechuang.matching.scoring.Suggestion.Explanation;
import io.kechuang.matching.scoring.Suggestion.Feature;
import io.kechuang.matching.scoring.Suggestion.FeatureScore;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A match: a demand and an achievement the matcher paired (unique on the pair), its score and explanation, and how
 * far the broker workflow has taken it. Rescoring changes it in place; nothing deletes it. Its audit trail is
 * {@link MatchActivity} ({@link MatchActivityLog}), its events on {@code matches.v1} come from {@link MatchEvents}.
 */
@Entity
public class MatchSuggestion extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, updatable = false)
    public UUID demandId;

    @Column(nullable = false, updatable = false)
    public UUID achievementId;

    @Column(nullable = false, updatable = false)
    public UUID demandOwnerOrgId;

    @Column(nullable = false, updatable = false)
    public UUID achievementOwnerOrgId;

    @Column(nullable = false)
    public String demandTitle;

    @Column(nullable = false)
    public String achievementTitle;

    public String technicalField;

    public String region;

    public double score;

    /** The score's confidence band (see ScoringConfig.Bands). */
    @Enumerated(EnumType.STRING)
    public Confidence confidence;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<Feature, FeatureScore> breakdown;

    @JdbcTypeCode(SqlTypes.JSON)
    public Explanation explanation;

    @Enumerated(EnumType.STRING)
    public MatchStatus status;

    @Version
    public long version;

    @Column(nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(nullable = false)
    public OffsetDateTime updatedAt;

    @Column(nullable = false)
    public OffsetDateTime scoredAt;

    /** The assigned broker's user id (token subject) and organisation. */
    public String brokerSubject;

    public UUID brokerOrgId;

    /** Set when the enterprise asks for an introduction: lifts the match to the top of the broker queue. */
    public OffsetDateTime introductionRequestedAt;

    /** Why the broker should look again: a side left the market after the introduction. */
    public String flaggedReason;

    public LocalDate demandDeadline;

    @JdbcTypeCode(SqlTypes.JSON)
    public Meeting meeting;

    public BigDecimal contractAmount;

    public String contractCurrency;

    @Enumerated(EnumType.STRING)
    public CooperationMode contractMode;

    public LocalDate contractSignedOn;

    @Enumerated(EnumType.STRING)
    public MatchDeclineReason declineReason;

    public String declineComment;

    public OffsetDateTime statusChangedAt;

    public OffsetDateTime introducedAt;

    public OffsetDateTime contractedAt;

    /** An offline meeting or roadshow slot. */
    public record Meeting(OffsetDateTime at, String place, String onlineLink, java.util.List<String> participants,
            String agenda) {
    }

    public static MatchSuggestion findPair(UUID demandId, UUID achievementId) {
        return find("demandId = ?1 and achievementId = ?2", demandId, achievementId).firstResult();
    }
}
