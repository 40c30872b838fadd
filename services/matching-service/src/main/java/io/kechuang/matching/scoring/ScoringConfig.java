package io.kechuang.matching.scoring;

/**
 * Knobs of the matcher, with defaults calibrated on the CSL-based relevance tests.
 *
 * @param candidates BM25 candidates retrieved before re-ranking with the soft features
 * @param topK suggestions kept per item
 * @param threshold minimum combined score for a suggestion
 * @param minTextRelevance candidates whose text relevance is below this are never suggested, whatever the features
 * @param maxTermsPerAnalysis query terms taken from the source per analysis (SmartCN, bigram, English)
 * @param weights how the features combine; they sum to 1
 */
public record ScoringConfig(int candidates, int topK, double threshold, double minTextRelevance,
        int maxTermsPerAnalysis, Weights weights) {

    public static ScoringConfig defaults() {
        return new ScoringConfig(40, 20, 0.5, 0.25, 20, Weights.defaults());
    }

    public ScoringConfig withThreshold(double newThreshold) {
        return new ScoringConfig(candidates, topK, newThreshold, minTextRelevance, maxTermsPerAnalysis, weights);
    }

    public ScoringConfig withTopK(int newTopK) {
        return new ScoringConfig(candidates, newTopK, threshold, minTextRelevance, maxTermsPerAnalysis, weights);
    }

    public ScoringConfig withMinTextRelevance(double newMinTextRelevance) {
        return new ScoringConfig(candidates, topK, threshold, newMinTextRelevance, maxTermsPerAnalysis, weights);
    }

    public record Weights(double text, double field, double ipc, double maturity, double cooperation, double budget,
            double region) {

        public static Weights defaults() {
            return new Weights(0.60, 0.10, 0.04, 0.10, 0.07, 0.05, 0.04);
        }

        public Weights {
            double sum = text + field + ipc + maturity + cooperation + budget + region;
            if (Math.abs(sum - 1.0) > 1e-6) {
                throw new IllegalArgumentException("feature weights must sum to 1, got " + sum);
            }
        }
    }
}
