package io.kechuang.matching.learning;

import io.kechuang.matching.scoring.Suggestion.Feature;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One decided pair as the ranking learns from it: ids, the label, who decided and when, and the feature values the
 * matcher stored for the pair. It holds no text of either listing and none of the decision (no comment, note, reason
 * text, meeting or contract detail, contact): nothing confidential can reach the training data through it.
 *
 * @param label SHORTLISTED, INTRODUCED, MEETING_SCHEDULED, NEGOTIATING, CONTRACTED (positive), DECLINED or
 * NOT_RELEVANT (negative): the pair's latest decision
 * @param reasonCode the decline's reason code (NOT_RELEVANT for an owner's "not relevant"); null for a positive label
 * @param score the combined score the matcher stored
 * @param features each feature's value in [0,1] as the matcher stored it (SEMANTIC only where the service ran hybrid)
 */
@Schema(name = "LabelledPair")
public record LabelledPair(UUID matchId, UUID demandId, UUID achievementId,
        @Schema(description = "The pair's latest decision", enumeration = {"SHORTLISTED", "INTRODUCED", "MEETING_SCHEDULED",
            "NEGOTIATING", "CONTRACTED", "DECLINED", "NOT_RELEVANT"}, example = "DECLINED") String label,
        Polarity polarity,
        @Schema(description = "The decline's reason code; null for a positive label", example = "PRICE_MISMATCH") String reasonCode,
        Decider decidedBy, OffsetDateTime decidedAt,
        @Schema(description = "The combined score the matcher stored", example = "0.4127") double score,
        @Schema(description = "Each feature's value in [0,1] as the matcher stored it",
                example = "{\"TEXT\":0.41,\"SEMANTIC\":0.62,\"FIELD\":1.0,\"IPC\":0.5,\"MATURITY\":1.0,\"COOPERATION\":1.0,\"BUDGET\":0.3,\"REGION\":0.5}")
        Map<Feature, Double> features) {

    @Schema(name = "LabelPolarity")
    public enum Polarity {
        POSITIVE, NEGATIVE
    }

    /** Who took the decision: token subject, the capacity they acted in, their organisation. */
    @Schema(name = "LabelDecider")
    public record Decider(String subject, String role, UUID orgId) {
    }

    public boolean positive() {
        return polarity == Polarity.POSITIVE;
    }

    public double feature(Feature f) {
        Double v = features.get(f);
        return v == null ? 0 : v;
    }
}
