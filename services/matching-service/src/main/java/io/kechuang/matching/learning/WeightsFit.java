package io.kechuang.matching.learning;

import io.kechuang.matching.scoring.ScoringConfig.Weights;
import io.kechuang.matching.scoring.Suggestion.Feature;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Refits the feature weights from labelled pairs together with a judged objective (the bench passes the nDCG@10 of
 * the hand-judged tune split), by coordinate ascent on a grid.
 *
 * <p>The six soft features (field, IPC, maturity, cooperation, budget, region) are fitted; the text takes what they
 * leave, and the hybrid ranking keeps its semantic weight (fitted with the embedding model by
 * {@code exec@handjudged-hybrid-fit}), so both rankings move together. The objective of a candidate set of weights is
 * <pre>(1 − λ) · judged + λ · AUC(labelled pairs) − penalty · Σ|w − w₀|</pre>
 * where the AUC is the chance that a positive pair outscores a negative one under those weights (each pair scored
 * with the ranking it was suggested under: hybrid where it has a SEMANTIC value), and λ = n / (n + {@code halfAt})
 * grows with n, the smaller of the positive and negative counts: a handful of decisions barely moves the weights, a
 * few hundred weigh as much as the judged set. With fewer than {@code minPerClass} of either, λ is 0 and only the
 * field weight is searched, as {@code exec@handjudged-fit} does: the other five features are (nearly) constant on the
 * hand-judged set, whose papers state no IPC class, TRL, cooperation mode, price or region, so only decisions on real
 * listings can inform them. The judged objective still sees every weight, so labelled pairs that pull weight away from
 * the text pay for it on the judged set. The small L1 penalty keeps a weight that nothing informs where it was.
 */
public final class WeightsFit {

    /** The soft features this fit moves, in the order the coordinate ascent visits them. */
    public static final List<Feature> FITTED = List.of(Feature.FIELD, Feature.IPC, Feature.MATURITY,
            Feature.COOPERATION, Feature.BUDGET, Feature.REGION);

    /**
     * @param grid the values each fitted weight may take
     * @param minText the least weight the text keeps (in the hybrid ranking, after the semantic weight)
     * @param halfAt the number of labelled pairs per class at which they weigh as much as the judged objective
     * @param minPerClass fewer positives or negatives than this and the labelled pairs are not used
     * @param penalty per unit of L1 distance from the starting weights
     */
    public record Options(double[] grid, double minText, double halfAt, int minPerClass, double penalty, int rounds) {

        public static Options defaults() {
            return new Options(new double[] {0, 0.005, 0.01, 0.015, 0.02, 0.03, 0.04, 0.05, 0.075, 0.1, 0.15, 0.2},
                    0.5, 200, 5, 0.001, 8);
        }
    }

    /**
     * @param labelWeight λ as applied
     * @param judgedBefore the judged objective at the starting weights (NaN without one)
     * @param aucBefore the labelled pairs' AUC at the starting weights (NaN without both classes)
     */
    public record Result(Weights lexical, Weights hybrid, int positives, int negatives, double labelWeight,
            double judgedBefore, double judgedAfter, double aucBefore, double aucAfter) {

        public String summary() {
            return String.format(Locale.ROOT, "%d positive and %d negative labelled pairs (weight %.3f); judged %.4f → "
                    + "%.4f; labelled-pair AUC %.4f → %.4f", positives, negatives, labelWeight, judgedBefore,
                    judgedAfter, aucBefore, aucAfter);
        }
    }

    private WeightsFit() {
    }

    /**
     * @param judged the judged objective of a lexical weighting (higher is better), or null to fit on the labelled
     * pairs alone
     */
    public static Result fit(List<LabelledPair> pairs, ToDoubleFunction<Weights> judged, Weights lexical0,
            Weights hybrid0, Options options) {
        int positives = (int) pairs.stream().filter(LabelledPair::positive).count();
        int negatives = pairs.size() - positives;
        int perClass = Math.min(positives, negatives);
        double lambda = judged == null ? 1.0
                : perClass < options.minPerClass() ? 0.0 : perClass / (perClass + options.halfAt());
        double semantic = hybrid0.semantic();
        Map<Feature, Double> start = soft(lexical0);
        Map<Feature, Double> current = new EnumMap<>(start);
        ToDoubleFunction<Map<Feature, Double>> objective = w -> {
            double j = 0;
            if (lambda < 1) {
                j += (1 - lambda) * judged.applyAsDouble(weights(w, 0));
            }
            if (lambda > 0) {
                j += lambda * auc(pairs, weights(w, 0), weights(w, semantic));
            }
            double distance = 0;
            for (Feature f : FITTED) {
                distance += Math.abs(w.get(f) - start.get(f));
            }
            return j - options.penalty() * distance;
        };
        double best = objective.applyAsDouble(current);
        for (int round = 0; round < options.rounds(); round++) {
            boolean moved = false;
            for (Feature f : lambda > 0 ? FITTED : List.of(Feature.FIELD)) {
                for (double g : options.grid()) {
                    Map<Feature, Double> probe = new EnumMap<>(current);
                    probe.put(f, g);
                    if (1 - semantic - sum(probe) < options.minText() - 1e-12) {
                        continue;
                    }
                    double value = objective.applyAsDouble(probe);
                    if (value > best + 1e-12) {
                        best = value;
                        current = probe;
                        moved = true;
                    }
                }
            }
            if (!moved) {
                break;
            }
        }
        Weights lexical = weights(current, 0);
        Weights hybrid = weights(current, semantic);
        return new Result(lexical, hybrid, positives, negatives, lambda,
                judged == null ? Double.NaN : judged.applyAsDouble(lexical0),
                judged == null ? Double.NaN : judged.applyAsDouble(lexical),
                auc(pairs, lexical0, hybrid0), auc(pairs, lexical, hybrid));
    }

    /**
     * The chance that a positive pair outscores a negative one (ties count half), each scored with the ranking it was
     * suggested under: hybrid where it has a SEMANTIC value, else lexical. NaN without both classes.
     */
    public static double auc(List<LabelledPair> pairs, Weights lexical, Weights hybrid) {
        int n = pairs.size();
        double[][] scored = new double[n][2];
        int positives = 0;
        for (int i = 0; i < n; i++) {
            LabelledPair p = pairs.get(i);
            scored[i][0] = score(p, p.features().containsKey(Feature.SEMANTIC) ? hybrid : lexical);
            scored[i][1] = p.positive() ? 1 : 0;
            positives += p.positive() ? 1 : 0;
        }
        int negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        Arrays.sort(scored, (a, b) -> Double.compare(a[0], b[0]));
        double rankSum = 0;
        for (int i = 0; i < n;) {
            int j = i;
            while (j + 1 < n && scored[j + 1][0] == scored[i][0]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                rankSum += scored[k][1] * rank;
            }
            i = j + 1;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** The combined score of a pair's stored feature values under these weights (as MatchFinder combines them). */
    public static double score(LabelledPair p, Weights w) {
        return Math.min(1.0, w.text() * p.feature(Feature.TEXT) + w.semantic() * p.feature(Feature.SEMANTIC)
                + w.field() * p.feature(Feature.FIELD) + w.ipc() * p.feature(Feature.IPC)
                + w.maturity() * p.feature(Feature.MATURITY) + w.cooperation() * p.feature(Feature.COOPERATION)
                + w.budget() * p.feature(Feature.BUDGET) + w.region() * p.feature(Feature.REGION));
    }

    private static Map<Feature, Double> soft(Weights w) {
        Map<Feature, Double> m = new EnumMap<>(Feature.class);
        m.put(Feature.FIELD, w.field());
        m.put(Feature.IPC, w.ipc());
        m.put(Feature.MATURITY, w.maturity());
        m.put(Feature.COOPERATION, w.cooperation());
        m.put(Feature.BUDGET, w.budget());
        m.put(Feature.REGION, w.region());
        return m;
    }

    private static double sum(Map<Feature, Double> soft) {
        return soft.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The soft weights, the semantic weight, and the text taking the rest (rounded to 1e-4, as the fits print). */
    static Weights weights(Map<Feature, Double> soft, double semantic) {
        double text = Math.round((1.0 - semantic - sum(soft)) * 10_000) / 10_000.0;
        return new Weights(text, semantic, soft.get(Feature.FIELD), soft.get(Feature.IPC), soft.get(Feature.MATURITY),
                soft.get(Feature.COOPERATION), soft.get(Feature.BUDGET), soft.get(Feature.REGION));
    }
}
