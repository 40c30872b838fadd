package io.kechuang.matching.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.matching.index.Item;
import io.kechuang.matching.index.MatchIndex;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Relevance sanity on real Chinese text: two hand-written achievements hidden among the 2,000 CSL papers (which
 * include photovoltaic and battery papers) must come first for the demands written for them; rescoring known pairs
 * gives them the scores their search gave.
 */
class ChineseRelevanceTest {

    @TempDir
    static Path folder;

    static MatchIndex index;
    static MatchFinder finder;
    static Item battery = Samples.batteryAchievement();
    static Item robot = Samples.cleaningRobotAchievement();

    @BeforeAll
    static void indexCorpus() throws Exception {
        index = MatchIndex.open(folder.resolve("index"));
        for (Item paper : Samples.cslAchievements()) {
            index.upsert(paper);
        }
        index.upsert(battery);
        index.upsert(robot);
        index.refresh();
        finder = new MatchFinder(index.searchers(), index.analyzer(), ScoringConfig.defaults());
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    private static List<Suggestion> suggestFor(Item demand) throws Exception {
        index.upsert(demand);
        index.refresh();
        return finder.findFor(demand, LocalDate.now());
    }

    @Test
    void batteryHealthDemandGetsTheBatteryAchievementFirst() throws Exception {
        List<Suggestion> suggestions = suggestFor(Samples.batteryDemand());
        print("battery", suggestions);
        assertFalse(suggestions.isEmpty());
        assertEquals(battery.id(), suggestions.getFirst().achievement().id(), "top: " + suggestions.getFirst().achievement().title());
        assertTrue(suggestions.getFirst().explanation().matchedTerms().contains("电池健康状态"),
                "shared bigram runs are widened to whole words: " + suggestions.getFirst().explanation().matchedTerms());
    }

    @Test
    void panelCleaningDemandGetsTheCleaningRobotFirstAheadOfOtherPhotovoltaicPapers() throws Exception {
        List<Suggestion> suggestions = suggestFor(Samples.cleaningDemand());
        print("cleaning", suggestions);
        assertEquals(robot.id(), suggestions.getFirst().achievement().id(), "top: " + suggestions.getFirst().achievement().title());
        Suggestion top = suggestions.getFirst();
        assertTrue(top.explanation().matchedTerms().stream().anyMatch(t -> t.contains("光伏")),
                "the bigram field recovers 光伏: " + top.explanation().matchedTerms());
        assertTrue(top.explanation().achievementHighlights().stream().anyMatch(f -> f.contains("<em>")),
                "achievement text is highlighted: " + top.explanation().achievementHighlights());
        assertTrue(top.explanation().demandHighlights().stream().anyMatch(f -> f.contains("<em>")),
                "demand text is highlighted: " + top.explanation().demandHighlights());
        assertTrue(top.score() > 0 && top.score() <= 1.0);
    }

    @Test
    void rescoringManyPairsAtOnceGivesEachTheScoreItsSearchGave() throws Exception {
        Item demand = Samples.batteryDemand();
        List<Suggestion> found = suggestFor(demand);
        assertTrue(found.size() >= 10, "the test needs several suggestions: " + found.size());
        Map<String, Suggestion> byId = new LinkedHashMap<>();
        found.subList(0, 10).forEach(s -> byId.put(s.achievement().id().toString(), s));
        List<String> ids = new ArrayList<>(byId.keySet());
        String unknown = UUID.randomUUID().toString();
        ids.add(3, unknown);

        Map<String, Suggestion> rescored = finder.scorePairs(demand, ids);
        assertEquals(byId.keySet(), rescored.keySet(), "every indexed counterpart, and nothing for an unknown id");
        for (Map.Entry<String, Suggestion> e : byId.entrySet()) {
            Suggestion again = rescored.get(e.getKey());
            assertEquals(e.getValue().score(), again.score(), "score of " + e.getValue().achievement().title());
            assertEquals(e.getValue().breakdown(), again.breakdown());
            assertEquals(e.getValue().explanation().matchedTerms(), again.explanation().matchedTerms());
        }
        assertEquals(byId.get(ids.get(0)).score(), finder.scorePair(demand, ids.get(0)).orElseThrow().score());
        assertTrue(finder.scorePair(demand, unknown).isEmpty());
    }

    /**
     * No hard cut (issue 22): the defaults keep no score or text-relevance threshold, so a demand gets its best
     * {@code topK} counterparts (as many as its query finds, up to topK), each with the band its score falls in, the
     * bands in rank order; the top answer here is a STRONG one.
     */
    @Test
    void everyDemandGetsItsBestTopKEachWithAConfidenceBand() throws Exception {
        ScoringConfig config = ScoringConfig.defaults();
        assertEquals(0.0, config.threshold(), "no score cut-off");
        assertEquals(0.0, config.minTextRelevance(), "no text-relevance cut-off");
        List<Suggestion> found = suggestFor(Samples.batteryDemand());
        assertEquals(config.topK(), found.size(), "the best topK, not only those above a threshold");
        for (int i = 0; i < found.size(); i++) {
            Suggestion s = found.get(i);
            assertEquals(config.lexical().bands().of(s.score()), s.confidence(), "band of " + s.score());
            if (i > 0) {
                assertTrue(s.confidence().compareTo(found.get(i - 1).confidence()) >= 0, "bands follow the ranking");
            }
        }
        assertEquals(ScoringConfig.Confidence.STRONG, found.getFirst().confidence());
        assertTrue(found.getLast().confidence() != ScoringConfig.Confidence.STRONG,
                "the 20th of 2,000 mostly unrelated papers is kept, but not as a strong suggestion");
    }

    @Test
    void bandsCutAtTheFittedScores() {
        ScoringConfig.Bands bands = ScoringConfig.Ranking.lexicalDefaults().bands();
        assertEquals(ScoringConfig.Confidence.STRONG, bands.of(bands.strong()));
        assertEquals(ScoringConfig.Confidence.POSSIBLE, bands.of(Math.nextDown(bands.strong())));
        assertEquals(ScoringConfig.Confidence.POSSIBLE, bands.of(bands.possible()));
        assertEquals(ScoringConfig.Confidence.WEAK, bands.of(Math.nextDown(bands.possible())));
        assertEquals(ScoringConfig.Confidence.WEAK, bands.of(0.0));
    }

    /**
     * A field mismatch is a weak signal: it moves a pair by at most the field weight, which is smaller than the text
     * weight's share of a modest text difference, so a different-field paper with clearly better text stays ahead.
     */
    @Test
    void aFieldMismatchWeighsLessThanTheText() throws Exception {
        ScoringConfig.Weights w = ScoringConfig.Ranking.lexicalDefaults().weights();
        assertTrue(w.field() <= 0.1 * w.text(), "field weight " + w.field() + " against text " + w.text());
        Item demand = Samples.batteryDemand();
        Item otherField = Samples.demand(demand.title(), demand.text(), demand.keywords(),
                demand.field() == io.kechuang.events.taxonomy.TechnicalField.ELECTRONIC_INFORMATION
                        ? io.kechuang.events.taxonomy.TechnicalField.NEW_MATERIALS
                        : io.kechuang.events.taxonomy.TechnicalField.ELECTRONIC_INFORMATION);
        Suggestion same = suggestFor(demand).getFirst();
        Suggestion crossed = suggestFor(otherField).getFirst();
        assertEquals(same.achievement().id(), crossed.achievement().id(),
                "the battery achievement stays first when the demand names another field");
        assertTrue(same.score() - crossed.score() <= w.field() + 0.01, same.score() + " vs " + crossed.score());
    }

    /** The other direction (achievement → demands) runs the same scoring: same weights, same bands. */
    @Test
    void anAchievementGetsDemandsScoredTheSameWay() throws Exception {
        Item demand = Samples.batteryDemand();
        index.upsert(demand);
        index.refresh();
        List<Suggestion> found = finder.findFor(battery, LocalDate.now());
        Suggestion toDemand = found.stream().filter(s -> s.demand().id().equals(demand.id())).findFirst().orElseThrow();
        assertEquals(battery.id(), toDemand.achievement().id());
        assertEquals(ScoringConfig.Ranking.lexicalDefaults().weights().text(), toDemand.breakdown().get(Suggestion.Feature.TEXT).weight());
        assertEquals(ScoringConfig.Ranking.lexicalDefaults().bands().of(toDemand.score()), toDemand.confidence());
    }

    private static void print(String label, List<Suggestion> suggestions) {
        for (int i = 0; i < Math.min(5, suggestions.size()); i++) {
            Suggestion s = suggestions.get(i);
            System.out.printf("%s #%d %.3f %s %s%n", label, i + 1, s.score(), s.achievement().title(),
                    s.explanation().matchedTerms());
        }
    }
}
