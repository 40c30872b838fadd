package io.kechuang.matching.suggestion;

import io.kechuang.events.match.MatchStatus;
import io.kechuang.matching.scoring.Suggestion.Explanation;
import io.kechuang.matching.scoring.Suggestion.Feature;
import io.kechuang.matching.scoring.Suggestion.FeatureScore;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import io.kechuang.events.match.MatchDeclineReason;
import io.kechuang.events.taxonomy.CooperationMode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A suggested pair, unique on demand + achievement. Rescoring changes it in place; nothing deletes it. */
@Entity
@Table(name = "match_suggestion")
public class MatchSuggestion extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "demand_id", nullable = false, updatable = false)
    public UUID demandId;

    @Column(name = "achievement_id", nullable = false, updatable = false)
    public UUID achievementId;

    @Column(name = "demand_owner_org_id", nullable = false, updatable = false)
    public UUID demandOwnerOrgId;

    @Column(name = "achievement_owner_org_id", nullable = false, updatable = false)
    public UUID achievementOwnerOrgId;

    @Column(name = "demand_title", nullable = false)
    public String demandTitle;

    @Column(name = "achievement_title", nullable = false)
    public String achievementTitle;

    @Column(name = "technical_field")
    public String technicalField;

    public String region;

    public double score;

    /** The score's confidence band (see ScoringConfig.Bands). */
    @Enumerated(EnumType.STRING)
    public io.kechuang.matching.scoring.ScoringConfig.Confidence confidence;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<Feature, FeatureScore> breakdown;

    @JdbcTypeCode(SqlTypes.JSON)
    public Explanation explanation;

    @Enumerated(EnumType.STRING)
    public MatchStatus status;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Column(name = "scored_at", nullable = false)
    public OffsetDateTime scoredAt;

    /** The assigned broker's user id (token subject) and organisation. */
    @Column(name = "broker_subject")
    public String brokerSubject;

    @Column(name = "broker_org_id")
    public UUID brokerOrgId;

    /** Set when the enterprise asks for an introduction: lifts the match to the top of the broker queue. */
    @Column(name = "introduction_requested_at")
    public OffsetDateTime introductionRequestedAt;

    /** Why the broker should look again: a side left the market after the introduction. */
    @Column(name = "flagged_reason")
    public String flaggedReason;

    @Column(name = "demand_deadline")
    public LocalDate demandDeadline;

    @JdbcTypeCode(SqlTypes.JSON)
    public Meeting meeting;

    @Column(name = "contract_amount")
    public BigDecimal contractAmount;

    @Column(name = "contract_currency")
    public String contractCurrency;

    @Enumerated(EnumType.STRING)
    @Column(name = "contract_mode")
    public CooperationMode contractMode;

    @Column(name = "contract_signed_on")
    public LocalDate contractSignedOn;

    @Enumerated(EnumType.STRING)
    @Column(name = "decline_reason")
    public MatchDeclineReason declineReason;

    @Column(name = "decline_comment")
    public String declineComment;

    @Column(name = "status_changed_at")
    public OffsetDateTime statusChangedAt;

    @Column(name = "introduced_at")
    public OffsetDateTime introducedAt;

    @Column(name = "contracted_at")
    public OffsetDateTime contractedAt;

    /** An offline meeting or roadshow slot. */
    public record Meeting(OffsetDateTime at, String place, String onlineLink, java.util.List<String> participants,
            String agenda) {
    }

    public static MatchSuggestion findPair(UUID demandId, UUID achievementId) {
        return find("demandId = ?1 and achievementId = ?2", demandId, achievementId).firstResult();
    }
}
