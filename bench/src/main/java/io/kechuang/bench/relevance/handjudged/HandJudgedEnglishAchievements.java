package io.kechuang.bench.relevance.handjudged;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kechuang.bench.embedding.FileEmbeddingCache;
import io.kechuang.bench.relevance.Evaluated;
import io.kechuang.bench.relevance.LuceneBm25;
import io.kechuang.events.Revision;
import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.taxonomy.TechnicalField;
import io.kechuang.matching.embedding.BgeSmallZh;
import io.kechuang.matching.embedding.EmbeddingText;
import io.kechuang.matching.embedding.ItemEmbeddings;
import io.kechuang.matching.index.IndexSchema;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.index.ItemDocuments;
import io.kechuang.matching.index.MatchIndex;
import io.kechuang.matching.scoring.MatchFinder;
import io.kechuang.matching.scoring.ScoringConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * The sub-collection {@code en-achievements/}: the Chinese demands of the set against the 180 English achievements
 * of {@code achievements-en.jsonl} alone (as a platform whose achievements were all English would rank them). Rankers:
 * the service (hybrid, with the cross-lingual fields), the service lexical, bge-small-zh's nearest neighbours, and
 * plain BM25 over CJK bigrams; each one's top {@value #DEPTH} is pooled, shuffled, for blind judging under
 * JUDGING.md, into {@code en-achievements/pool/}; runs go to {@code en-achievements/runs/}. The demands and the split
 * are the set's own. Evaluate with {@code exec@handjudged-eval -Dbench.handjudged.dir=…/en-achievements}.
 *
 * <p>Usage: {@code HandJudgedEnglishAchievements [set folder]}.
 */
public final class HandJudgedEnglishAchievements {

    /** Pool depth: the metrics of this sub-collection are nDCG@10 and P@5. */
    static final int DEPTH = 10;

    record EnglishAchievement(String key, String title, String abstractText, List<String> keywords, String field) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = (args.length > 0 ? Path.of(args[0]) : HandJudged.DEFAULT_DIR).toAbsolutePath();
        Path sub = dir.resolve("en-achievements");
        List<HandJudged.Demand> demands = HandJudged.demands(dir).stream().filter(d -> !d.english()).toList();
        List<EnglishAchievement> english = read(dir.resolve("achievements-en.jsonl"));
        Map<String, String> keyOfUuid = new HashMap<>();
        List<Item> items = new ArrayList<>();
        List<Evaluated.Doc> docs = new ArrayList<>();
        for (EnglishAchievement a : english) {
            UUID id = UUID.nameUUIDFromBytes(("handjudged-" + a.key()).getBytes(StandardCharsets.UTF_8));
            keyOfUuid.put(id.toString(), a.key());
            items.add(Item.achievement(id, UUID.fromString("33333333-3333-3333-3333-333333333333"),
                            AchievementStatus.PUBLISHED)
                    .title(a.title()).text(a.abstractText()).keywords(a.keywords())
                    .field(TechnicalField.valueOf(a.field())).language("en").updatedAt(OffsetDateTime.now()).build());
            docs.add(new Evaluated.Doc(a.key(), a.title(), a.keywords(), a.abstractText(), ""));
        }
        Map<String, Map<String, List<String>>> runs = new LinkedHashMap<>();
        Map<String, String> descriptions = new LinkedHashMap<>();
        LocalDate today = LocalDate.now();
        try (BgeSmallZh model = new BgeSmallZh(Runtime.getRuntime().availableProcessors());
                LuceneBm25 bm25 = new LuceneBm25(new CJKAnalyzer(), docs)) {
            ItemEmbeddings embeddings = new ItemEmbeddings(model, FileEmbeddingCache.openDefault());
            Path work = Files.createTempDirectory("handjudged-en");
            MatchIndex hybridIndex = MatchIndex.open(work.resolve("hybrid"), embeddings);
            MatchIndex lexicalIndex = MatchIndex.open(work.resolve("lexical"));
            List<Item> all = new ArrayList<>(items);
            demands.forEach(d -> all.add(HandJudgedPool.demandItem(d)));
            Map<String, float[]> vectors = embeddings.vectorsOf(all.stream().map(EmbeddingText::of).toList());
            for (Item item : all) {
                hybridIndex.upsert(item, new Revision(0, 1), vectors.get(EmbeddingText.of(item)));
                lexicalIndex.upsert(item);
            }
            for (MatchIndex index : List.of(hybridIndex, lexicalIndex)) {
                index.commit(Map.of());
                index.refresh();
            }
            MatchFinder hybrid = new MatchFinder(hybridIndex.searchers(), hybridIndex.analyzer(),
                    ScoringConfig.defaults().withTopK(DEPTH), embeddings);
            MatchFinder lexical = new MatchFinder(lexicalIndex.searchers(), lexicalIndex.analyzer(),
                    ScoringConfig.defaults().withTopK(DEPTH));
            Map<String, List<String>> hybridRun = new LinkedHashMap<>();
            Map<String, List<String>> lexicalRun = new LinkedHashMap<>();
            Map<String, List<String>> denseRun = new LinkedHashMap<>();
            Map<String, List<String>> bm25Run = new LinkedHashMap<>();
            IndexSearcher searcher = hybridIndex.searchers().acquire();
            try {
                for (HandJudged.Demand d : demands) {
                    Item item = HandJudgedPool.demandItem(d);
                    hybridRun.put(d.id(), hybrid.findFor(item, today).stream()
                            .map(s -> keyOfUuid.get(s.achievement().id().toString())).toList());
                    lexicalRun.put(d.id(), lexical.findFor(item, today).stream()
                            .map(s -> keyOfUuid.get(s.achievement().id().toString())).toList());
                    TopDocs near = searcher.search(new KnnFloatVectorQuery(IndexSchema.VECTOR,
                            vectors.get(EmbeddingText.of(item)), DEPTH,
                            new TermQuery(new Term(IndexSchema.KIND, Item.Kind.ACHIEVEMENT.name()))), DEPTH);
                    List<String> dense = new ArrayList<>();
                    for (Item found : ItemDocuments.load(searcher.getIndexReader(),
                            java.util.Arrays.stream(near.scoreDocs).mapToInt(h -> h.doc).toArray())) {
                        dense.add(keyOfUuid.get(found.id().toString()));
                    }
                    denseRun.put(d.id(), dense);
                    bm25Run.put(d.id(), bm25.search(d.fullText(), DEPTH));
                }
            } finally {
                hybridIndex.searchers().release(searcher);
                hybridIndex.close();
                lexicalIndex.close();
            }
            runs.put("service-hybrid", hybridRun);
            descriptions.put("service-hybrid", "MatchFinder.findFor, hybrid, with the cross-lingual fields, "
                    + "ScoringConfig.defaults(), over the English achievements only, top " + DEPTH);
            runs.put("service-lexical", lexicalRun);
            descriptions.put("service-lexical", "the same without vectors, top " + DEPTH);
            runs.put("dense", denseRun);
            descriptions.put("dense", "bge-small-zh-v1.5 cosine of the demand's text and each English achievement's, "
                    + "top " + DEPTH);
            runs.put("bm25-cjk", bm25Run);
            descriptions.put("bm25-cjk", "Lucene BM25, CJK bigrams, whole demand text, over the English achievements, "
                    + "top " + DEPTH);
        }
        Files.createDirectories(sub.resolve("runs"));
        Files.createDirectories(sub.resolve("pool"));
        for (var run : runs.entrySet()) {
            StringBuilder out = new StringBuilder("# " + run.getKey() + ": " + descriptions.get(run.getKey())
                    + "\n# languages: zh\n# demand\trank\tpaper\n");
            run.getValue().forEach((demand, ranked) -> {
                for (int i = 0; i < ranked.size(); i++) {
                    out.append(demand).append('\t').append(i + 1).append('\t').append(ranked.get(i)).append('\n');
                }
            });
            Files.writeString(sub.resolve("runs").resolve(run.getKey() + ".tsv"), out, StandardCharsets.UTF_8);
        }
        Map<String, EnglishAchievement> byKey = new HashMap<>();
        english.forEach(a -> byKey.put(a.key(), a));
        int total = 0;
        for (HandJudged.Demand d : demands) {
            Set<String> union = new TreeSet<>();
            runs.values().forEach(run -> union.addAll(run.getOrDefault(d.id(), List.of())));
            List<String> pool = new ArrayList<>(union);
            Collections.shuffle(pool, new Random(HandJudgedPool.POOL_SEED ^ d.id().hashCode()));
            StringBuilder out = new StringBuilder();
            for (String key : pool) {
                EnglishAchievement a = byKey.get(key);
                out.append(HandJudged.candidateJson(new HandJudged.Candidate(key, a.title(), a.abstractText(),
                        a.keywords()))).append('\n');
            }
            Files.writeString(sub.resolve("pool").resolve(d.id() + ".jsonl"), out, StandardCharsets.UTF_8);
            total += pool.size();
        }
        System.out.printf("%d Chinese demands, %d English achievements, %d pooled pairs%n", demands.size(),
                english.size(), total);
    }

    private static List<EnglishAchievement> read(Path file) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<EnglishAchievement> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(line);
            List<String> keywords = new ArrayList<>();
            n.get("keywords").forEach(k -> keywords.add(k.asText()));
            out.add(new EnglishAchievement(n.get("key").asText(), n.get("title").asText(), n.get("abstract").asText(),
                    keywords, n.get("field").asText()));
        }
        return out;
    }

    private HandJudgedEnglishAchievements() {
    }
}
