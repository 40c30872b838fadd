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
public record LabelledPair(UUID matchId, UUID demandId, UUID achievementId, String label, Polarity polarity,
        String reasonCode, Decider decidedBy, OffsetDateTime decidedAt, double score, Map<Feature, Double> features) {

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
