package io.kechuang.matching.scoring;

/**
 * Knobs of the matcher. The defaults were fitted on the tune split of the hand-judged relevance set
 * ({@code bench/src/main/resources/relevance/handjudged}, command {@code exec:exec@handjudged-fit}; see
 * bench/RESULTS.md): never on its test split.
 *
 * @param candidates BM25 candidates retrieved before re-ranking with the soft features
 * @param topK suggestions kept per item (every item gets its best {@code topK}, each with a confidence band)
 * @param threshold minimum combined score for a suggestion; 0 by default: no hard cut, the band tells how sure
 * @param minTextRelevance candidates whose text relevance is below this are never suggested; 0 by default
 * @param maxTermsPerAnalysis query terms taken from the source per analysis (SmartCN, bigram, English)
 * @param maxDocFreq terms in more than this fraction of the documents are not queried (on indexes of 1,000 documents
 * or more)
 * @param weights how the features combine; they sum to 1
 * @param bands the score cut-offs of the confidence bands
 * @param query how the chosen terms are weighted in the query
 */
public record ScoringConfig(int candidates, int topK, double threshold, double minTextRelevance,
        int maxTermsPerAnalysis, double maxDocFreq, Weights weights, Bands bands, QueryShape query) {

    /** Fitted on the tune split (see the class comment). */
    public static final int DEFAULT_MAX_TERMS = 240;
    public static final double DEFAULT_MAX_DOC_FREQ = 0.1;

    public ScoringConfig(int candidates, int topK, double threshold, double minTextRelevance, int maxTermsPerAnalysis,
            Weights weights) {
        this(candidates, topK, threshold, minTextRelevance, maxTermsPerAnalysis, DEFAULT_MAX_DOC_FREQ, weights,
                Bands.defaults(), QueryShape.defaults());
    }

    public static ScoringConfig defaults() {
        return new ScoringConfig(40, 20, 0.0, 0.0, DEFAULT_MAX_TERMS, DEFAULT_MAX_DOC_FREQ, Weights.defaults(),
                Bands.defaults(), QueryShape.defaults());
    }

    public ScoringConfig withThreshold(double newThreshold) {
        return new ScoringConfig(candidates, topK, newThreshold, minTextRelevance, maxTermsPerAnalysis, maxDocFreq,
                weights, bands, query);
    }

    public ScoringConfig withTopK(int newTopK) {
        return new ScoringConfig(candidates, newTopK, threshold, minTextRelevance, maxTermsPerAnalysis, maxDocFreq,
                weights, bands, query);
    }

    public ScoringConfig withMinTextRelevance(double newMinTextRelevance) {
        return new ScoringConfig(candidates, topK, threshold, newMinTextRelevance, maxTermsPerAnalysis, maxDocFreq,
                weights, bands, query);
    }

    public ScoringConfig withCandidates(int newCandidates) {
        return new ScoringConfig(newCandidates, topK, threshold, minTextRelevance, maxTermsPerAnalysis, maxDocFreq,
                weights, bands, query);
    }

    public ScoringConfig withQueryTerms(int newMaxTerms, double newMaxDocFreq) {
        return new ScoringConfig(candidates, topK, threshold, minTextRelevance, newMaxTerms, newMaxDocFreq, weights,
                bands, query);
    }

    public ScoringConfig withQuery(QueryShape newQuery) {
        return new ScoringConfig(candidates, topK, threshold, minTextRelevance, maxTermsPerAnalysis, maxDocFreq,
                weights, bands, newQuery);
    }

    public ScoringConfig withWeights(Weights newWeights) {
        return new ScoringConfig(candidates, topK, threshold, minTextRelevance, maxTermsPerAnalysis, maxDocFreq,
                newWeights, bands, query);
    }

    public ScoringConfig withBands(Bands newBands) {
        return new ScoringConfig(candidates, topK, threshold, minTextRelevance, maxTermsPerAnalysis, maxDocFreq,
                weights, newBands, query);
    }

    /**
     * How the source's chosen terms weigh in its query.
     *
     * @param tfBoost a term's clause is boosted by {@code 1 + ln(tf)} of its count in the source; else every term
     * counts once
     * @param smartcnWeight boost of the SmartCN word clauses against the CJK bigram ones (0: no word clauses)
     * @param keywordBoost boost of the exact curated-keyword clauses (0: none)
     * @param headWeight weight of the counterpart's title and keywords against its text
     * @param bm25f a bigram or English term is one BM25F clause over the counterpart's head and text
     * ({@code CombinedFieldQuery}, the head's frequencies weighted); else the sum of two BM25 clauses, the head's
     * boosted by {@code headWeight} (as plain BM25 over several fields scores)
     */
    public record QueryShape(boolean tfBoost, double smartcnWeight, float keywordBoost, float headWeight,
            boolean bm25f) {

        public static QueryShape defaults() {
            return new QueryShape(false, 0.0, 0f, 1f, false);
        }
    }

    public record Weights(double text, double field, double ipc, double maturity, double cooperation, double budget,
            double region) {

        public static Weights defaults() {
            // text and field fitted on the tune split; the other five are constant on the hand-judged set (its papers
            // state no IPC, TRL, cooperation, price or region), so they keep a small fixed share of 0.10.
            return new Weights(0.87, 0.03, 0.02, 0.03, 0.02, 0.015, 0.015);
        }

        public Weights {
            double sum = text + field + ipc + maturity + cooperation + budget + region;
            if (Math.abs(sum - 1.0) > 1e-6) {
                throw new IllegalArgumentException("feature weights must sum to 1, got " + sum);
            }
        }
    }

    /**
     * Confidence bands: a suggestion scoring at least {@code strong} is {@link Confidence#STRONG}, at least
     * {@code possible} {@link Confidence#POSSIBLE}, else {@link Confidence#WEAK}.
     */
    public record Bands(double strong, double possible) {

        public static Bands defaults() {
            // Fitted on the tune split to a precision (grade >= 1) of 0.6 for STRONG and 0.3 for POSSIBLE.
            return new Bands(0.2919, 0.2813);
        }

        public Bands {
            if (possible > strong) {
                throw new IllegalArgumentException("the possible cut-off must not exceed the strong one");
            }
        }

        public Confidence of(double score) {
            return score >= strong ? Confidence.STRONG : score >= possible ? Confidence.POSSIBLE : Confidence.WEAK;
        }
    }

    /** How sure the matcher is of a suggestion (see {@link Bands}). */
    public enum Confidence {
        STRONG, POSSIBLE, WEAK
    }
}
