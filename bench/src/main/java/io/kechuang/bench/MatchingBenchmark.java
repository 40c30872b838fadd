package io.kechuang.bench;

import io.kechuang.matching.index.Analyzers;
import io.kechuang.matching.index.IndexSchema;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.index.MatchIndex;
import io.kechuang.matching.index.TextFields;
import io.kechuang.matching.scoring.MatchFinder;
import io.kechuang.matching.scoring.ScoringConfig;
import io.kechuang.matching.scoring.Suggestion;
import io.kechuang.matching.search.SearchEngine;
import io.kechuang.matching.search.SearchRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;

/**
 * Drives the matching service's real index, matcher and search code (no reimplementation) at given corpus sizes:
 * bulk indexing rate, index size, top-20 explained suggestions for a demand on one thread, and search latency.
 *
 * <p>Usage: {@code MatchingBenchmark <sizes, e.g. 10000,100000,1000000> <work folder>}
 */
public final class MatchingBenchmark {

    /**
     * Runs before the measured ones, on their own demands and queries: the service is long-running, and C2 compiles
     * Lucene's scoring loops only after some thousands of calls (200 left the p50 moving by ±20 % between runs).
     * {@code -Dbench.warmup=N} changes it: a system property of this JVM, which {@code exec:exec} passes on from
     * Maven's {@code bench.warmup} (bench/pom.xml).
     */
    static final int WARMUP = Integer.getInteger("bench.warmup", 2000);
    /** The corpus sequence every run draws (CorpusEmbeddings embeds the same one). */
    static final long SEED = 42;
    /**
     * Hybrid: items get their vectors from the benchmarks' embedding cache (filled beforehand by CorpusEmbeddings;
     * the model embeds whatever is missing, and the run says how many), matching reads them, and searches embed their
     * query on the request (no query cache, so every search pays for it).
     */
    private static final boolean VECTORS = Boolean.getBoolean("bench.vectors");
    /** Thread CPU time is reported next to wall time: it does not count time lost to other processes on the machine. */
    private static io.kechuang.matching.embedding.ItemEmbeddings vectors;
    private static io.kechuang.matching.embedding.QueryEmbeddings queryVectors;
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    static final int MEASURED = 1000;

    public static void main(String[] args) throws Exception {
        int[] sizes = Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray();
        Path work = Path.of(args[1]);
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "machine: %d cores, max heap %d MB, %s %s (%s); %d warm-up and %d measured "
                + "demands and queries per series%n", threads, Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name"), System.getProperty("java.version"), System.getProperty("java.home"),
                WARMUP, MEASURED);
        Corpus corpus = new Corpus();
        analysisRates(corpus);
        for (int size : sizes) {
            run(corpus, size, work.resolve("n" + size), threads);
        }
    }

    /**
     * What analysis alone costs per document on one core (thread CPU time): SmartCN over a whole listing (what the
     * index did before schema 4), SmartCN over the title and keywords (what it indexes now) and the bigram analyzer
     * over title, text and keywords. The ceiling of the indexing rate.
     */
    private static void analysisRates(Corpus corpus) throws IOException {
        Analyzer analyzer = Analyzers.create();
        Corpus.Generator generator = corpus.generator(1);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            items.add(generator.achievement());
        }
        double chars = items.stream().mapToInt(i -> i.title().length() + i.text().length()
                + String.join("；", i.keywords()).length()).average().orElse(0);
        for (String what : List.of("SmartCN, title + text + keywords", "SmartCN, title + keywords (indexed)",
                "CJK bigrams, title + text + keywords (indexed)")) {
            long tokens = 0;
            long c0 = 0;
            for (int i = 0; i < items.size(); i++) {
                if (i == 1000) {
                    c0 = CPU.getCurrentThreadCpuTime();
                }
                Item item = items.get(i);
                String keywords = String.join("；", item.keywords());
                if (what.startsWith("CJK")) {
                    tokens += consume(analyzer, IndexSchema.HEAD_BI, TextFields.head(item.title(), keywords))
                            + consume(analyzer, IndexSchema.TEXT_BI, item.text());
                } else if (what.contains("text")) {
                    tokens += consume(analyzer, IndexSchema.HEAD_ZH, item.title() + "\n" + item.text() + "\n" + keywords);
                } else {
                    tokens += consume(analyzer, IndexSchema.HEAD_ZH, TextFields.head(item.title(), keywords));
                }
            }
            double seconds = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
            System.out.printf(Locale.ROOT, "analysis %s (%.0f characters per listing): %.0f documents per CPU second "
                    + "on one core (%d tokens)%n", what, chars, (items.size() - 1000) / seconds, tokens);
        }
    }

    private static int consume(Analyzer analyzer, String field, String text) throws IOException {
        int n = 0;
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            stream.reset();
            while (stream.incrementToken()) {
                n++;
            }
            stream.end();
        }
        return n;
    }

    private static void run(Corpus corpus, int size, Path folder, int threads) throws Exception {
        delete(folder);
        // One seeded sequence for the run: the bulk achievements, then the demands and later achievements, none
        // identical to another (whichever indexing thread draws a document, the sequence is the same).
        Corpus.Generator generator = corpus.generator(SEED);
        io.kechuang.matching.embedding.BgeSmallZh model = VECTORS ? new io.kechuang.matching.embedding.BgeSmallZh(threads) : null;
        vectors = VECTORS ? new io.kechuang.matching.embedding.ItemEmbeddings(model,
                io.kechuang.bench.embedding.FileEmbeddingCache.openDefault()) : null;
        queryVectors = VECTORS ? new io.kechuang.matching.embedding.QueryEmbeddings(model, 1, 8, 1,
                java.time.Duration.ofSeconds(30)) : null;
        try (MatchIndex index = VECTORS ? MatchIndex.open(folder, vectors) : MatchIndex.open(folder)) {
            // Indexing: all cores, as a rebuild from the topics would.
            long start = System.nanoTime();
            AtomicLong next = new AtomicLong();
            AtomicLong indexingCpu = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    long c0 = CPU.getCurrentThreadCpuTime();
                    while (next.getAndIncrement() < size) {
                        index.upsert(generator.achievement());
                    }
                    indexingCpu.addAndGet(CPU.getCurrentThreadCpuTime() - c0);
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
            pool.shutdown();
            index.commit(java.util.Map.of());
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "[%d] load average during indexing: %.1f%n", size,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf(Locale.ROOT, "[%d] indexing: %d docs in %.1f s = %.0f docs/s (%d threads), index %.1f MB%n",
                    size, size, seconds, size / seconds, threads, index.sizeOnDisk() / 1e6);
            if (VECTORS) {
                System.out.printf(Locale.ROOT, "[%d] vectors: %d from the embedding cache, %d computed by the model "
                        + "during indexing%n", size, vectors.cacheHits(), vectors.cacheMisses());
            }
            System.out.printf(Locale.ROOT, "[%d] indexing threads' CPU: %.1f s = %.0f docs per CPU second "
                    + "(generation, analysis, inversion; merges and the commit run on other threads)%n", size,
                    indexingCpu.get() / 1e9, size / (indexingCpu.get() / 1e9));

            // Right after a rebuild: the segments the bulk indexing left. Demands arrive one by one, each indexed
            // before it is matched, as in the service. The portal queries (one or two keywords) may repeat.
            Random random = new Random(7);
            LocalDate today = LocalDate.now();
            List<Item> demands = arrivals(generator, index, 0);
            measure(corpus, index, size, demands, random, today, "right after the rebuild");

            // The service merges the index into one segment once a rebuild has caught up (MatchIndex.compact).
            long m0 = System.nanoTime();
            int merged = index.compact().get();
            index.commit(java.util.Map.of()); // the service's next commit frees the merged-away segments' files
            System.out.printf(Locale.ROOT, "[%d] compaction after the rebuild: %.1f s, %d segment(s), index %.1f MB%n",
                    size, (System.nanoTime() - m0) / 1e9, merged, index.sizeOnDisk() / 1e6);

            // Steady state: new achievements and demands keep arriving after it, into new segments.
            demands = arrivals(generator, index, 1000);
            measure(corpus, index, size, demands, random, today, "after compaction and 1,000 more achievements");
            System.out.printf(Locale.ROOT, "[%d] corpus of the run: %s%n", size, generator.summary());
        } finally {
            if (model != null) {
                queryVectors.close();
                model.close();
            }
        }
        delete(folder);
    }

    /** Indexes {@code achievements} new achievements and the demands to match (warm-up and measured), then refreshes. */
    private static List<Item> arrivals(Corpus.Generator generator, MatchIndex index, int achievements)
            throws IOException {
        for (int i = 0; i < achievements; i++) {
            index.upsert(generator.achievement());
        }
        List<Item> demands = new ArrayList<>();
        for (int i = 0; i < WARMUP + MEASURED; i++) {
            Item d = generator.demand();
            index.upsert(d);
            demands.add(d);
        }
        index.refresh();
        return demands;
    }

    /** Top-20 explained suggestions for each demand, then portal searches; the first WARMUP of each unmeasured. */
    private static void measure(Corpus corpus, MatchIndex index, int size, List<Item> demands, Random random,
            LocalDate today, String state) throws IOException {
        String label = size + ", " + state + ", " + index.segments() + " segments";
        MatchFinder finder = VECTORS
                ? new MatchFinder(index.searchers(), index.analyzer(), ScoringConfig.defaults().withThreshold(0.0).withTopK(20),
                        vectors)
                : new MatchFinder(index.searchers(), index.analyzer(), ScoringConfig.defaults().withThreshold(0.0).withTopK(20));
        long[] matchNanos = new long[MEASURED];
        long[] matchCpu = new long[MEASURED];
        int suggestions = 0;
        for (int i = 0; i < demands.size(); i++) {
            long c0 = CPU.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            List<Suggestion> found = finder.findFor(demands.get(i), today);
            long t1 = System.nanoTime();
            long c1 = CPU.getCurrentThreadCpuTime();
            if (i >= WARMUP) {
                matchNanos[i - WARMUP] = t1 - t0;
                matchCpu[i - WARMUP] = c1 - c0;
                suggestions += found.size();
            }
        }
        report(label, "top-20 explained suggestions per demand (1 thread), wall", matchNanos,
                String.format(Locale.ROOT, "avg %.1f suggestions", suggestions / (double) MEASURED));
        report(label, "top-20 explained suggestions per demand (1 thread), thread CPU", matchCpu, "same runs");

        SearchEngine search = VECTORS ? new SearchEngine(index.searchers(), index.analyzer(), queryVectors::embed)
                : new SearchEngine(index.searchers(), index.analyzer());
        long[] searchNanos = new long[MEASURED];
        long[] searchCpu = new long[MEASURED];
        long hits = 0;
        for (int i = 0; i < WARMUP + MEASURED; i++) {
            SearchRequest request = new SearchRequest(corpus.query(random), null, null, null, null, null, null, null,
                    SearchRequest.Sort.RELEVANCE, 0, 20);
            long c0 = CPU.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            hits += search.search(request, today).total();
            long t1 = System.nanoTime();
            long c1 = CPU.getCurrentThreadCpuTime();
            if (i >= WARMUP) {
                searchNanos[i - WARMUP] = t1 - t0;
                searchCpu[i - WARMUP] = c1 - c0;
            }
        }
        report(label, "search with facets and highlights (1 thread), wall", searchNanos,
                String.format(Locale.ROOT, "avg %.0f hits", hits / (double) (WARMUP + MEASURED)));
        report(label, "search with facets and highlights (1 thread), thread CPU", searchCpu, "same runs");
    }

    private static void report(String label, String what, long[] nanos, String extra) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "[%s] %s: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms (%s, n=%d)%n", label,
                what, pct(sorted, 0.50), pct(sorted, 0.90), pct(sorted, 0.99), sorted[sorted.length - 1] / 1e6, extra,
                sorted.length);
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private MatchingBenchmark() {
    }
}
