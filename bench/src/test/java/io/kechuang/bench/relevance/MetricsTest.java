package io.kechuang.bench.relevance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private static final Map<String, Integer> QRELS = Map.of("src", 2, "a", 1, "b", 1);

    @Test
    void ndcgIsOneForTheIdealRankingAndMatchesAHandComputedValueOtherwise() {
        assertEquals(1.0, Metrics.ndcg(List.of("src", "a", "b", "x"), QRELS, 10), 1e-12);
        // ranking x, a, src: DCG = 1/log2(3) + 3/log2(4); ideal = 3 + 1/log2(3) + 1/log2(4)
        double dcg = 1 / log2(3) + 3 / 2.0;
        double ideal = 3 + 1 / log2(3) + 1 / 2.0;
        assertEquals(dcg / ideal, Metrics.ndcg(List.of("x", "a", "src"), QRELS, 10), 1e-12);
    }

    @Test
    void ndcgOnlyCountsTheTopKAndIdealIsCutAtKToo() {
        // k = 1: only "src" in the ideal, only "a" retrieved at rank 1
        assertEquals(1.0 / 3.0, Metrics.ndcg(List.of("a", "src"), QRELS, 1), 1e-12);
        assertEquals(0.0, Metrics.ndcg(List.of("x", "y"), QRELS, 10), 1e-12);
        assertEquals(0.0, Metrics.ndcg(List.of("x"), Map.of(), 10), 1e-12);
    }

    @Test
    void recallCountsDistinctRelevantDocumentsInTheCutoff() {
        assertEquals(2.0 / 3.0, Metrics.recall(List.of("a", "x", "src", "a"), QRELS, 20), 1e-12);
        assertEquals(1.0 / 3.0, Metrics.recall(List.of("a", "x", "src"), QRELS, 2), 1e-12);
        assertEquals(0.0, Metrics.recall(List.of("a"), Map.of("a", 0), 20), 1e-12);
    }

    @Test
    void precisionDividesByKEvenWhenTheRankingIsShorter() {
        assertEquals(2.0 / 5.0, Metrics.precision(List.of("x", "a", "src"), QRELS, 1, 5), 1e-12);
        assertEquals(1.0 / 5.0, Metrics.precision(List.of("x", "a", "src"), QRELS, 2, 5), 1e-12);
        assertEquals(1.0, Metrics.precision(List.of("src", "a"), QRELS, 1, 2), 1e-12);
        assertEquals(0.0, Metrics.precision(List.of(), QRELS, 1, 5), 1e-12);
    }

    @Test
    void reciprocalRankFindsTheFirstDocumentOfTheGradeWithinTheCutoff() {
        assertEquals(0.5, Metrics.reciprocalRank(List.of("x", "a", "src"), QRELS, 1, 20), 1e-12);
        assertEquals(1.0 / 3.0, Metrics.reciprocalRank(List.of("x", "a", "src"), QRELS, 2, 20), 1e-12);
        assertEquals(0.0, Metrics.reciprocalRank(List.of("x", "a", "src"), QRELS, 2, 2), 1e-12);
    }

    @Test
    void bootstrapIntervalContainsTheMeanIsSeededAndShrinksWithMoreQueries() {
        double[] small = new double[40];
        double[] large = new double[4000];
        for (int i = 0; i < large.length; i++) {
            double v = (i % 4 == 0) ? 1.0 : 0.0;
            large[i] = v;
            if (i < small.length) {
                small[i] = v;
            }
        }
        Metrics.Estimate s = Metrics.bootstrap(small, 2000, 1);
        Metrics.Estimate l = Metrics.bootstrap(large, 2000, 1);
        assertEquals(0.25, s.mean(), 1e-12);
        assertTrue(s.low() < 0.25 && 0.25 < s.high(), s.toString());
        assertTrue(l.low() < 0.25 && 0.25 < l.high(), l.toString());
        assertTrue(l.high() - l.low() < (s.high() - s.low()) / 5, "interval shrinks ~ 1/sqrt(n): " + s + " " + l);
        // standard error of a Bernoulli(0.25) mean over 4000 queries is 0.00685: the 95 % interval is about ±0.0134
        assertEquals(0.0134, (l.high() - l.low()) / 2, 0.002);
        assertEquals(s, Metrics.bootstrap(small, 2000, 1));
        assertThrows(IllegalArgumentException.class, () -> Metrics.bootstrap(new double[0], 10, 1));
    }

    @Test
    void constantValuesGiveADegenerateInterval() {
        Metrics.Estimate e = Metrics.bootstrap(new double[] {0.7, 0.7, 0.7}, 1000, 3);
        assertEquals(0.7, e.low(), 1e-12);
        assertEquals(0.7, e.high(), 1e-12);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
