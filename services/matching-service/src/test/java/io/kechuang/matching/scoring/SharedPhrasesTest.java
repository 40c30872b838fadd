package io.kechuang.matching.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.events.taxonomy.TechnicalField;
import io.kechuang.matching.index.Analyzers;
import io.kechuang.matching.index.Highlights;
import io.kechuang.matching.index.Item;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.Test;

/**
 * The shared phrases of an explanation are whole phrases both texts hold, even when the query left out the common
 * bigrams at their edges (电池, 离子 are in too many documents to rank), and the candidate's fragments mark them whole.
 */
class SharedPhrasesTest {

    private final Analyzer analyzer = Analyzers.create();

    private final Item demand = Samples.demand("大容量软包锂离子电池模组热管理与温度场仿真",
            "我公司生产大容量软包锂离子电池模组，需要建立电池放电过程的温度场仿真模型并优化散热结构。",
            List.of("锂离子电池", "热管理"), TechnicalField.NEW_ENERGY);
    private final Item achievement = Samples.achievement("大容量软包装锂离子电池放电过程热分析",
            "建立了大容量软包装锂离子电池放电过程的三维热模型，分析了温度分布与散热条件的关系。",
            List.of("锂离子电池", "温度分布"), TechnicalField.NEW_ENERGY, 5);

    /** As in matching: the query's bigrams that the candidate holds. */
    private SharedTerms.Shared shared(Set<String> queryBigrams) throws Exception {
        Set<String> matched = Highlights.found(analyzer, achievement, queryBigrams);
        return new SharedTerms(demand, analyzer).with(matched, SharedTerms.comparable(achievement), 10);
    }

    @Test
    void aRunInsideAWordGrowsToTheWholePhraseBothTextsHold() throws Exception {
        // Only 子电 was a query term: 锂离, 离子 and 电池 were too common.
        SharedTerms.Shared shared = shared(Set.of("子电", "量软", "软包"));
        assertTrue(shared.phrases().contains("大容量软包"), "量软包 grows to 大容量软包: " + shared.phrases());
        assertTrue(shared.phrases().contains("锂离子电池"), "子电 grows to 锂离子电池: " + shared.phrases());
        assertTrue(shared.phrases().stream().noneMatch(p -> p.contains("软包锂")),
                "never to text the candidate lacks (软包装锂, not 软包锂): " + shared.phrases());
    }

    @Test
    void theCandidatesFragmentsMarkWholePhrasesNeverPartOfAWord() throws Exception {
        SharedTerms.Shared shared = shared(Set.of("子电", "放电"));
        List<String> fragments = Highlights.marked(achievement, shared.markedPhrases());
        String text = String.join("", fragments);
        assertTrue(text.contains("<em>"), text);
        assertFalse(text.contains("<em>子电</em>"), "no mark inside 锂离子电池: " + text);
        // 锂离子电池 and 电池放电过程 overlap in the achievement's text, so their marks merge into one.
        assertTrue(text.contains("<em>锂离子电池"), text);
        assertTrue(text.contains("放电过程</em>的"), "grows by whole words, not over 的: " + text);
        // The same phrases are marked in the source's own fragments.
        assertTrue(String.join("", shared.sourceFragments()).matches("(?s).*<em>[^<]*锂离子电池[^<]*</em>.*"),
                shared.sourceFragments().toString());
    }

    @Test
    void phrasesAreBoundedAndALoneBigramAcrossAWordBoundaryStaysOut() throws Exception {
        SharedTerms.Shared shared = shared(Set.of("模组", "包锂"));
        assertEquals(List.of(), shared.phrases(), "模组 and 包锂 are not in the achievement's text: nothing shared");
        SharedTerms.Shared all = shared(Set.of("子电", "量软", "软包", "放电"));
        assertTrue(all.phrases().stream().allMatch(p -> p.length() <= 12), all.phrases().toString());
    }
}
