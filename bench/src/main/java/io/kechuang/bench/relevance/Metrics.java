package io.kechuang.bench.relevance;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Ranking metrics over graded judgements ({@code qrels}: document id → grade, grade ≥ 1 is relevant; documents not
 * in the map are not relevant), and a percentile bootstrap over queries.
 */
public final class Metrics {

    private Metrics() {
    }

    /**
     * nDCG@k with exponential gain {@code 2^grade - 1} and discount {@code log2(rank + 1)}; the ideal ranking is all
     * judged documents by grade. 0 when the query has no relevant document.
     */
    public static double ndcg(List<String> ranking, Map<String, Integer> qrels, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranking.size()); i++) {
            dcg += gain(qrels.getOrDefault(ranking.get(i), 0)) / log2(i + 2);
        }
        int[] grades = qrels.values().stream().filter(g -> g > 0).mapToInt(Integer::intValue)
                .map(g -> -g).sorted().map(g -> -g).toArray();
        double ideal = 0;
        for (int i = 0; i < Math.min(k, grades.length); i++) {
            ideal += gain(grades[i]) / log2(i + 2);
        }
        return ideal == 0 ? 0 : dcg / ideal;
    }

    /** Relevant documents (grade ≥ 1) in the top k over all relevant documents; 0 when there are none. */
    public static double recall(List<String> ranking, Map<String, Integer> qrels, int k) {
        long relevant = qrels.values().stream().filter(g -> g > 0).count();
        if (relevant == 0) {
            return 0;
        }
        long found = ranking.stream().limit(k).distinct().filter(d -> qrels.getOrDefault(d, 0) > 0).count();
        return found / (double) relevant;
    }

    /**
     * Precision at k: documents with grade ≥ {@code minGrade} among the top k, divided by k (a ranking shorter than k
     * is not given credit for the missing ranks).
     */
    public static double precision(List<String> ranking, Map<String, Integer> qrels, int minGrade, int k) {
        long found = ranking.stream().limit(k).distinct().filter(d -> qrels.getOrDefault(d, 0) >= minGrade).count();
        return found / (double) k;
    }

    /** 1 / rank of the first document with at least {@code minGrade}, within the top k; 0 if none. */
    public static double reciprocalRank(List<String> ranking, Map<String, Integer> qrels, int minGrade, int k) {
        for (int i = 0; i < Math.min(k, ranking.size()); i++) {
            if (qrels.getOrDefault(ranking.get(i), 0) >= minGrade) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    /** A mean with its percentile bootstrap confidence interval. */
    public record Estimate(double mean, double low, double high) {
    }

    /**
     * Mean of the per-query values and its 95 % percentile bootstrap interval: {@code resamples} resamples of the
     * queries with replacement, seeded.
     */
    public static Estimate bootstrap(double[] perQuery, int resamples, long seed) {
        if (perQuery.length == 0) {
            throw new IllegalArgumentException("no queries");
        }
        double mean = mean(perQuery);
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        int n = perQuery.length;
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += perQuery[random.nextInt(n)];
            }
            means[r] = sum / n;
        }
        java.util.Arrays.sort(means);
        return new Estimate(mean, quantile(means, 0.025), quantile(means, 0.975));
    }

    /** Linear-interpolated quantile of sorted values. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double gain(int grade) {
        return grade <= 0 ? 0 : Math.pow(2, grade) - 1;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
