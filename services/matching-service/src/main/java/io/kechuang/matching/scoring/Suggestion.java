package io.kechuang.matching.scoring;

import io.kechuang.matching.index.Item;
import java.util.List;
import java.util.Map;

/**
 * A scored pair with its breakdown and explanation.
 *
 * @param score combined score in [0,1]
 * @param breakdown per feature: its value in [0,1], its weight, and what it contributed to the score
 * @param confidence the score's band (ScoringConfig.Bands), fitted on the hand-judged tune split to a stated precision
 */
public record Suggestion(Item demand, Item achievement, double score, Map<Feature, FeatureScore> breakdown,
        Explanation explanation, ScoringConfig.Confidence confidence) {

    public enum Feature {
        TEXT, SEMANTIC, FIELD, IPC, MATURITY, COOPERATION, BUDGET, REGION
    }

    public record FeatureScore(double value, double weight, double contribution) {
    }

    /**
     * Why the pair was suggested, in terms a broker can check.
     *
     * @param matchedTerms the most informative terms both texts share
     * @param sharedKeywords curated keywords both sides list
     * @param demandHighlights fragments of the demand with shared terms marked {@code <em>…</em>}
     * @param achievementHighlights fragments of the achievement, marked the same way
     * @param reasons the features that raised or lowered the score, in plain words
     * @param termPairs when the two are written in different languages, the term pairs that linked them, English
     *        first ("thermal management ↔ 热管理"); empty otherwise
     */
    public record Explanation(List<String> matchedTerms, List<String> sharedKeywords, List<String> demandHighlights,
            List<String> achievementHighlights, List<Reason> reasons, List<String> termPairs) {

        public Explanation {
            termPairs = termPairs == null ? List.of() : List.copyOf(termPairs);
        }
    }

    public enum Effect {
        RAISED, NEUTRAL, LOWERED
    }

    /** One feature's effect in Chinese and English. */
    public record Reason(Feature feature, Effect effect, String zh, String en) {
    }
}
