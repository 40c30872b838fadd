package io.kechuang.bench;

import io.kechuang.bench.embedding.FileEmbeddingCache;
import io.kechuang.matching.embedding.BgeSmallZh;
import io.kechuang.matching.embedding.EmbeddingText;
import io.kechuang.matching.embedding.ItemEmbeddings;
import io.kechuang.matching.index.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Embeds the benchmark corpus once, into the benchmarks' embedding cache ({@link FileEmbeddingCache#DEFAULT}): the
 * documents {@link MatchingBenchmark} draws at a size, in its order (the bulk achievements, the demands, 1,000 later
 * achievements, the demands again), so that its hybrid run ({@code -Dbench.vectors=true}) rebuilds from the cache
 * and measures the rebuild, not the model. Resumable: texts already cached are skipped, and every batch is appended
 * to the cache file as soon as it is embedded. Prints the model's throughput.
 *
 * <p>Usage: {@code CorpusEmbeddings <size> [demands per series, default bench.warmup + 1000]}.
 */
public final class CorpusEmbeddings {

    private static final int BATCH = 256;

    public static void main(String[] args) throws Exception {
        int size = Integer.parseInt(args[0]);
        int demands = args.length > 1 ? Integer.parseInt(args[1]) : MatchingBenchmark.WARMUP + MatchingBenchmark.MEASURED;
        Corpus.Generator generator = new Corpus().generator(MatchingBenchmark.SEED);
        List<String> texts = new ArrayList<>(size + 1000 + 2 * demands);
        for (int i = 0; i < size; i++) {
            texts.add(EmbeddingText.of(generator.achievement()));
        }
        for (int series = 0; series < 2; series++) {
            if (series == 1) {
                for (int i = 0; i < 1000; i++) {
                    texts.add(EmbeddingText.of(generator.achievement()));
                }
            }
            for (int i = 0; i < demands; i++) {
                Item d = generator.demand();
                texts.add(EmbeddingText.of(d));
            }
        }
        try (BgeSmallZh model = new BgeSmallZh(Runtime.getRuntime().availableProcessors())) {
            ItemEmbeddings embeddings = new ItemEmbeddings(model, FileEmbeddingCache.openDefault());
            long start = System.nanoTime();
            for (int from = 0; from < texts.size(); from += BATCH) {
                embeddings.vectorsOf(texts.subList(from, Math.min(texts.size(), from + BATCH)));
                if ((from / BATCH) % 20 == 0 || from + BATCH >= texts.size()) {
                    double s = (System.nanoTime() - start) / 1e9;
                    System.out.printf(Locale.ROOT, "%d of %d texts: %d computed, %d cached, %.0f s, %.1f computed/s%n",
                            Math.min(texts.size(), from + BATCH), texts.size(), embeddings.cacheMisses(),
                            embeddings.cacheHits(), s, embeddings.cacheMisses() / Math.max(s, 1e-9));
                }
            }
        }
    }

    private CorpusEmbeddings() {
    }
}
