package io.kechuang.bench.relevance.handjudged;

import io.kechuang.bench.embedding.FileEmbeddingCache;
import io.kechuang.matching.embedding.BgeSmallZh;
import io.kechuang.matching.embedding.EmbeddingText;
import io.kechuang.matching.embedding.ItemEmbeddings;
import io.kechuang.matching.index.IndexSchema;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.index.MatchIndex;
import io.kechuang.events.Revision;
import io.kechuang.corpus.CslCorpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * Adds the dense ranker to the hand-judged set: bge-small-zh-v1.5 vectors of the 2,000 papers (as achievements) and
 * of every demand (title, keywords, problem and indicators: {@link EmbeddingText}), each demand's 20 nearest papers
 * by cosine in the matching index's HNSW graph. Writes {@code runs/dense.tsv}, then rebuilds every pool as the union
 * of all runs' top 20 (judged pairs stay valid; new candidates show as "not judged" in {@link QrelsCheck}).
 *
 * <p>Also the place where the set's vectors are computed once: they go to {@link FileEmbeddingCache#DEFAULT}, which
 * {@link HandJudgedFit} reads.
 *
 * <p>Usage: {@code HandJudgedDense [folder] [work folder]}.
 */
public final class HandJudgedDense {

    public static void main(String[] args) throws Exception {
        Path dir = (args.length > 0 ? Path.of(args[0]) : HandJudged.DEFAULT_DIR).toAbsolutePath();
        Path work = (args.length > 1 ? Path.of(args[1]) : Path.of("target/handjudged-dense")).toAbsolutePath();
        List<HandJudged.Demand> demands = HandJudged.demands(dir);
        List<CslCorpus.Paper> papers = CslCorpus.papers();
        Map<String, String> keyOfUuid = HandJudged.keyOfUuid(papers.size());
        try (BgeSmallZh model = new BgeSmallZh(Runtime.getRuntime().availableProcessors())) {
            ItemEmbeddings embeddings = new ItemEmbeddings(model, FileEmbeddingCache.openDefault());
            MatchIndex index = index(work.resolve("index"), papers, demands, embeddings);
            Map<String, List<String>> dense = new LinkedHashMap<>();
            IndexSearcher searcher = index.searchers().acquire();
            try {
                for (HandJudged.Demand d : demands) {
                    float[] v = embeddings.vectorOf(HandJudgedPool.demandItem(d));
                    TopDocs near = searcher.search(new KnnFloatVectorQuery(IndexSchema.VECTOR, v, HandJudgedPool.DEPTH,
                            new TermQuery(new Term(IndexSchema.KIND, Item.Kind.ACHIEVEMENT.name()))), HandJudgedPool.DEPTH);
                    List<String> ranked = new ArrayList<>();
                    Item[] items = io.kechuang.matching.index.ItemDocuments.load(searcher.getIndexReader(),
                            java.util.Arrays.stream(near.scoreDocs).mapToInt(h -> h.doc).toArray());
                    for (Item item : items) {
                        ranked.add(keyOfUuid.get(item.id().toString()));
                    }
                    dense.put(d.id(), ranked);
                }
            } finally {
                index.searchers().release(searcher);
                index.close();
            }
            StringBuilder out = new StringBuilder("# dense: bge-small-zh-v1.5 cosine (HNSW) of the demand's whole text "
                    + "(title, keywords, problem, indicators) against each paper's title, keywords and abstract, top 20\n"
                    + "# languages: zh,en\n# demand\trank\tpaper\n");
            dense.forEach((demand, ranked) -> {
                for (int i = 0; i < ranked.size(); i++) {
                    out.append(demand).append('\t').append(i + 1).append('\t').append(ranked.get(i)).append('\n');
                }
            });
            Files.writeString(dir.resolve("runs/dense.tsv"), out, StandardCharsets.UTF_8);
            Map<String, Map<String, List<String>>> runs = new LinkedHashMap<>();
            HandJudged.runs(dir).forEach((name, run) -> runs.put(name, run.ranked()));
            HandJudgedPool.writePools(dir, demands, papers, runs);
            System.out.print(HandJudgedPool.summary(demands, runs));
            System.out.printf(Locale.ROOT, "Embeddings: %d from the cache, %d computed by the model%n",
                    embeddings.cacheHits(), embeddings.cacheMisses());
        }
    }

    /**
     * The papers as published achievements and the demands as open demands in one index, committed and searchable:
     * with their vectors when {@code embeddings} is given (embedded in batches, cache first, so that a first run uses
     * every core), lexical when it is null.
     */
    static MatchIndex index(Path folder, List<CslCorpus.Paper> papers, List<HandJudged.Demand> demands,
            ItemEmbeddings embeddings) throws Exception {
        if (Files.exists(folder)) {
            try (var files = Files.walk(folder)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < papers.size(); i++) {
            items.add(HandJudgedPool.paperItem(i, papers.get(i)));
        }
        for (HandJudged.Demand d : demands) {
            items.add(HandJudgedPool.demandItem(d));
        }
        if (embeddings == null) {
            MatchIndex index = MatchIndex.open(folder);
            for (Item item : items) {
                index.upsert(item);
            }
            index.commit(Map.of());
            index.refresh();
            return index;
        }
        MatchIndex index = MatchIndex.open(folder, embeddings);
        long start = System.nanoTime();
        for (int from = 0; from < items.size(); from += 64) {
            List<Item> batch = items.subList(from, Math.min(items.size(), from + 64));
            Map<String, float[]> vectors = embeddings.vectorsOf(batch.stream().map(EmbeddingText::of).toList());
            for (Item item : batch) {
                index.upsert(item, new Revision(0, item.version()), vectors.get(EmbeddingText.of(item)));
            }
            if (embeddings.cacheMisses() > 0 && (from / 64) % 5 == 0) {
                System.err.printf(Locale.ROOT, "embedded %d of %d (%.0f s)%n", from + batch.size(), items.size(),
                        (System.nanoTime() - start) / 1e9);
            }
        }
        index.commit(Map.of());
        index.refresh();
        return index;
    }

    private HandJudgedDense() {
    }
}
