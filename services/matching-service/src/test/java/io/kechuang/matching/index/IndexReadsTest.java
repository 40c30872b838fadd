package io.kechuang.matching.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.achievement.IpType;
import io.kechuang.events.achievement.MaturityStage;
import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.events.taxonomy.TechnicalField;
import io.kechuang.corpus.CslCorpus;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Items read back from doc values, term statistics looked up in bulk, and compaction, on a multi-segment index of
 * CSL papers.
 */
class IndexReadsTest {

    @TempDir
    Path folder;

    @Test
    void itemsAndTermStatisticsMatchWhatWasIndexed() throws Exception {
        List<Item> items = new ArrayList<>();
        try (MatchIndex index = MatchIndex.open(folder)) {
            List<CslCorpus.Paper> papers = CslCorpus.papers().subList(0, 600);
            for (int i = 0; i < papers.size(); i++) {
                Item item = achievement(papers.get(i));
                items.add(item);
                index.upsert(item);
                if (i % 150 == 149) {
                    index.commit(Map.of()); // several segments
                }
            }
            index.refresh();
            IndexSearcher searcher = index.searchers().acquire();
            try {
                IndexReader reader = searcher.getIndexReader();
                assertTrue(reader.leaves().size() > 1, "the test needs several segments");

                // Any order, duplicates, across segments: each doc gives back the item indexed as it.
                int[] docs = new int[items.size() + 2];
                for (int i = 0; i < items.size(); i++) {
                    docs[i] = docOf(searcher, items.get(items.size() - 1 - i).id());
                }
                docs[items.size()] = docs[0];
                docs[items.size() + 1] = docs[300];
                Item[] loaded = ItemDocuments.load(reader, docs);
                for (int i = 0; i < items.size(); i++) {
                    assertEquals(items.get(items.size() - 1 - i), loaded[i]);
                }
                assertEquals(loaded[0], loaded[items.size()]);
                assertEquals(loaded[300], loaded[items.size() + 1]);
                assertEquals(items.get(7), index.item(items.get(7).id().toString()).orElseThrow());

                // Bulk term statistics equal Lucene's own, one term at a time; absent terms are left out.
                List<String> terms = List.of("电池", "锂离", "算法", "模型", "研究", "方法", "不存在的词", "zzzz");
                Map<String, TermStates> states = TermLookup.states(reader, IndexSchema.TEXT_BI, terms);
                assertFalse(states.containsKey("不存在的词"));
                assertFalse(states.containsKey("zzzz"));
                assertTrue(states.size() >= 4, "common bigrams are found: " + states.keySet());
                for (String term : terms) {
                    TermStates expected = TermStates.build(searcher, new Term(IndexSchema.TEXT_BI, term), true);
                    if (expected.docFreq() == 0) {
                        continue;
                    }
                    assertEquals(expected.docFreq(), states.get(term).docFreq(), term);
                    assertEquals(expected.totalTermFreq(), states.get(term).totalTermFreq(), term);
                    // The states serve a TermQuery as its own lookup would.
                    Term t = new Term(IndexSchema.TEXT_BI, term);
                    assertEquals(searcher.count(new TermQuery(t)), searcher.count(new TermQuery(t, states.get(term))));
                }
            } finally {
                index.searchers().release(searcher);
            }
        }
    }

    @Test
    void compactionMergesIntoOneSegmentAndKeepsEveryDocument() throws Exception {
        List<CslCorpus.Paper> papers = CslCorpus.papers().subList(0, 400);
        try (MatchIndex index = MatchIndex.open(folder)) {
            List<Item> items = indexInSegments(index, papers.subList(0, 300));
            int before = index.segments();
            assertTrue(before > 1, "the test needs several segments");
            int hitsBefore = count(index, "电池");

            assertEquals(1, index.compact().get(60, TimeUnit.SECONDS));
            assertEquals(1, index.segments());
            assertEquals(300, index.numDocs());
            assertEquals(hitsBefore, count(index, "电池"));
            for (Item item : items) {
                assertEquals(item, index.item(item.id().toString()).orElseThrow());
            }

            // Writes go on after it, into new segments.
            Item later = achievement(papers.get(300));
            index.upsert(later);
            index.refresh();
            assertEquals(later, index.item(later.id().toString()).orElseThrow());
            assertEquals(301, index.numDocs());
        }
    }

    @Test
    void closingDuringACompactionKeepsTheLastCommit() throws Exception {
        List<CslCorpus.Paper> papers = CslCorpus.papers().subList(0, 400);
        List<Item> items;
        try (MatchIndex index = MatchIndex.open(folder)) {
            items = indexInSegments(index, papers);
            index.compact(); // not waited for: close aborts it if it still runs
        }
        try (MatchIndex reopened = MatchIndex.open(folder)) {
            assertFalse(reopened.created(), "the committed index is kept");
            assertEquals(items.size(), reopened.numDocs());
            for (Item item : items) {
                assertEquals(item, reopened.item(item.id().toString()).orElseThrow());
            }
        }
    }

    /** Indexes the papers as achievements, committing every 100 so that they land in several segments. */
    private static List<Item> indexInSegments(MatchIndex index, List<CslCorpus.Paper> papers) throws Exception {
        List<Item> items = new ArrayList<>();
        for (CslCorpus.Paper paper : papers) {
            Item item = achievement(paper);
            items.add(item);
            index.upsert(item);
            if (items.size() % 100 == 0) {
                index.commit(Map.of());
            }
        }
        index.commit(Map.of());
        index.refresh();
        return items;
    }

    private static int count(MatchIndex index, String bigram) throws Exception {
        IndexSearcher searcher = index.searchers().acquire();
        try {
            return searcher.count(new TermQuery(new Term(IndexSchema.TEXT_BI, bigram)));
        } finally {
            index.searchers().release(searcher);
        }
    }

    private static Item achievement(CslCorpus.Paper p) {
        return Item.achievement(UUID.randomUUID(), UUID.randomUUID(), AchievementStatus.PUBLISHED)
                .title(p.title()).text(p.abstractText()).keywords(p.keywords()).field(TechnicalField.OTHER)
                .ipType(IpType.OTHER).trl(3).stage(MaturityStage.LAB).cooperationModes(Set.of(CooperationMode.CONSULTING))
                .price(null, null, true).region("110000").language("zh")
                .updatedAt(OffsetDateTime.parse("2020-01-01T00:00:00Z")).build();
    }

    private static int docOf(IndexSearcher searcher, UUID id) throws Exception {
        TopDocs hits = searcher.search(new TermQuery(new Term(IndexSchema.ID, id.toString())), 1);
        return hits.scoreDocs[0].doc;
    }
}
