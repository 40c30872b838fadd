package io.kechuang.matching.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.matching.scoring.ScoringConfig;
import io.kechuang.matching.scoring.ScoringConfig.Weights;
import io.kechuang.matching.scoring.Suggestion.Feature;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** A batch of decisions moves the weights the way the decisions point, and only then. */
class WeightsFitTest {

    private static final Weights LEXICAL = ScoringConfig.Ranking.lexicalDefaults().weights();
    private static final Weights HYBRID = ScoringConfig.Ranking.hybridDefaults().weights();

    /**
     * A stand-in for the hand-judged tune split: it likes the current field weight (0.03) and dislikes moving away
     * from it, as a judged set that cannot tell a field mismatch from a text one would.
     */
    private static final ToDoubleFunction<Weights> JUDGED = w -> 0.85 - 2 * Math.abs(w.field() - LEXICAL.field());

    /**
     * n positives and n negatives with random text, semantic and soft features; the FIELD value matches with the
     * given probabilities (1 or 0), everything else drawn alike for both classes.
     */
    private static List<LabelledPair> batch(int n, double positiveField, double negativeField, long seed) {
        Random random = new Random(seed);
        List<LabelledPair> out = new ArrayList<>();
        for (int i = 0; i < 2 * n; i++) {
            boolean positive = i < n;
            Map<Feature, Double> f = new EnumMap<>(Feature.class);
            f.put(Feature.TEXT, 0.3 + 0.5 * random.nextDouble());
            f.put(Feature.SEMANTIC, random.nextDouble());
            f.put(Feature.FIELD, random.nextDouble() < (positive ? positiveField : negativeField) ? 1.0 : 0.0);
            for (Feature soft : List.of(Feature.IPC, Feature.MATURITY, Feature.COOPERATION, Feature.BUDGET, Feature.REGION)) {
                f.put(soft, random.nextDouble());
            }
            out.add(new LabelledPair(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                    positive ? "SHORTLISTED" : "DECLINED",
                    positive ? LabelledPair.Polarity.POSITIVE : LabelledPair.Polarity.NEGATIVE,
                    positive ? null : "OUT_OF_SCOPE", new LabelledPair.Decider("broker-li", "BROKER", UUID.randomUUID()),
                    OffsetDateTime.now(), 0.5, f));
        }
        return out;
    }

    private static WeightsFit.Result fit(List<LabelledPair> pairs) {
        return WeightsFit.fit(pairs, JUDGED, LEXICAL, HYBRID, WeightsFit.Options.defaults());
    }

    @Test
    void decisionsThatFollowTheFieldRaiseTheFieldWeightAboveANeutralBatch() {
        WeightsFit.Result informative = fit(batch(400, 0.9, 0.2, 1));
        WeightsFit.Result neutral = fit(batch(400, 0.5, 0.5, 1));
        assertTrue(informative.lexical().field() > neutral.lexical().field() + 0.02,
                "field weight " + informative.lexical().field() + " against a neutral batch's " + neutral.lexical().field());
        assertTrue(informative.lexical().field() > LEXICAL.field(), informative.summary());
        assertTrue(neutral.lexical().field() <= LEXICAL.field() + 0.01, neutral.summary());
        assertTrue(informative.aucAfter() > informative.aucBefore(), informative.summary());
        // The text takes what the soft features leave, in both rankings; the hybrid keeps its semantic weight.
        assertEquals(HYBRID.semantic(), informative.hybrid().semantic());
        assertEquals(informative.lexical().text() - HYBRID.semantic(), informative.hybrid().text(), 1e-9);
        assertEquals(informative.lexical().field(), informative.hybrid().field());
    }

    @Test
    void decisionsAgainstTheFieldLowerTheFieldWeight() {
        WeightsFit.Result against = fit(batch(400, 0.2, 0.9, 2));
        assertTrue(against.lexical().field() < LEXICAL.field(), against.summary());
    }

    @Test
    void aHandfulOfDecisionsMovesNothing() {
        WeightsFit.Result few = fit(batch(3, 1.0, 0.0, 3));
        assertEquals(0.0, few.labelWeight());
        assertEquals(LEXICAL, few.lexical());
        assertEquals(HYBRID, few.hybrid());
    }

    @Test
    void theAucIsTheChanceThatAPositiveOutscoresANegative() {
        List<LabelledPair> pairs = batch(50, 1.0, 0.0, 4);
        Weights fieldOnly = new Weights(0, 0, 1, 0, 0, 0, 0, 0);
        assertEquals(1.0, WeightsFit.auc(pairs, fieldOnly, fieldOnly), 1e-12);
        Weights reversed = new Weights(0, 0, 0, 0, 0, 0, 0, 1);
        double random = WeightsFit.auc(pairs, reversed, reversed);
        assertTrue(random > 0.3 && random < 0.7, "an uninformative feature ranks at chance: " + random);
    }
}
