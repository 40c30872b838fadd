package io.kechuang.bench.relevance.handjudged;

import io.kechuang.bench.embedding.FileEmbeddingCache;
import io.kechuang.matching.embedding.BgeSmallZh;
import io.kechuang.matching.embedding.EmbeddingText;
import io.kechuang.matching.embedding.ItemEmbeddings;
import io.kechuang.matching.embedding.QueryEmbeddings;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.index.MatchIndex;
import io.kechuang.matching.scoring.MatchFinder;
import io.kechuang.matching.scoring.ScoringConfig;
import io.kechuang.matching.search.SearchEngine;
import io.kechuang.matching.search.SearchRequest;
import io.kechuang.corpus.CslCorpus;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the vectors cost, on the hand-judged set's 2,000 papers and 68 demands (the only texts embedded on this
 * machine so far; see bench/RESULTS.md for why 100k was not): the model's throughput, a rebuild from the embedding
 * cache against a lexical rebuild, a demand's top 20 hybrid against lexical (CPU of one thread), and a portal search
 * with its query embedded on the request against a lexical one (wall time).
 *
 * <p>Usage: {@code HybridSpeed [rounds]}.
 */
public final class HybridSpeed {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        List<HandJudged.Demand> demands = HandJudged.demands(HandJudged.DEFAULT_DIR.toAbsolutePath());
        List<CslCorpus.Paper> papers = CslCorpus.papers();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        LocalDate today = LocalDate.now();
        try (BgeSmallZh model = new BgeSmallZh(Runtime.getRuntime().availableProcessors())) {
            // 1. The model: 200 paper texts, one thread and all threads.
            List<String> sample = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                sample.add(EmbeddingText.of(HandJudgedPool.paperItem(i, papers.get(i))));
            }
            model.embedAll(sample.subList(0, 10));
            long t0 = System.nanoTime();
            for (String s : sample.subList(0, 100)) {
                model.embed(s);
            }
            double oneThread = 100 / ((System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            model.embedAll(sample);
            double allThreads = 200 / ((System.nanoTime() - t0) / 1e9);
            System.out.printf(Locale.ROOT, "Model: %.1f texts/s on one thread, %.1f texts/s over %d threads (paper "
                    + "texts, mean %d characters)%n", oneThread, allThreads, Runtime.getRuntime().availableProcessors(),
                    (int) sample.stream().mapToInt(String::length).average().orElse(0));

            // 2. Rebuild: lexical, and with vectors from the cache (all cached by exec@handjudged-dense).
            ItemEmbeddings cached = new ItemEmbeddings(model, FileEmbeddingCache.openDefault());
            List<Item> items = new ArrayList<>();
            for (int i = 0; i < papers.size(); i++) {
                items.add(HandJudgedPool.paperItem(i, papers.get(i)));
            }
            demands.forEach(d -> items.add(HandJudgedPool.demandItem(d)));
            long lexicalMs = rebuild(Files.createTempDirectory("speed-lexical"), items, null);
            long calls = model.calls();
            long hybridMs = rebuild(Files.createTempDirectory("speed-hybrid"), items, cached);
            System.out.printf(Locale.ROOT, "Rebuild of %d items: lexical %d ms; with vectors from the cache %d ms "
                    + "(%d model calls)%n", items.size(), lexicalMs, hybridMs, model.calls() - calls);

            // 3. A demand's top 20, CPU of this thread.
            MatchIndex index = HandJudgedDense.index(Files.createTempDirectory("speed-index"), papers, demands, cached);
            MatchFinder hybrid = new MatchFinder(index.searchers(), index.analyzer(), ScoringConfig.defaults(), cached);
            MatchIndex lexicalIndex = HandJudgedDense.index(Files.createTempDirectory("speed-lex-index"), papers,
                    demands, null);
            MatchFinder lexical = new MatchFinder(lexicalIndex.searchers(), lexicalIndex.analyzer(), ScoringConfig.defaults());
            List<Item> sources = demands.stream().map(HandJudgedPool::demandItem).toList();
            System.out.println("Top 20 explained, CPU ms of one thread: lexical " + cpuMs(cpu, rounds, sources,
                    s -> lexical.findFor(s, today)) + "; hybrid " + cpuMs(cpu, rounds, sources, s -> hybrid.findFor(s, today)));

            // 4. A portal search (title + keywords), wall ms, the query embedded on the request (no cached query).
            SearchEngine lexicalSearch = new SearchEngine(index.searchers(), index.analyzer());
            double[] lex = new double[sources.size() * rounds];
            double[] hyb = new double[sources.size() * rounds];
            double[] embed = new double[sources.size() * rounds];
            int n = 0;
            for (int r = 0; r < rounds; r++) {
                try (QueryEmbeddings queries = new QueryEmbeddings(model, 1, 8, 1, Duration.ofSeconds(30))) {
                    SearchEngine hybridSearch = new SearchEngine(index.searchers(), index.analyzer(), queries::embed);
                    for (HandJudged.Demand d : demands) {
                        SearchRequest req = new SearchRequest(HandJudgedPool.portalQuery(d) + (r == 0 ? "" : " " + r),
                                Item.Kind.ACHIEVEMENT, null, null, null, null, null, null, SearchRequest.Sort.RELEVANCE, 0, 20);
                        long a = System.nanoTime();
                        lexicalSearch.search(req, today);
                        long b = System.nanoTime();
                        hybridSearch.search(req, today);
                        long c = System.nanoTime();
                        model.embed(req.text());
                        long e = System.nanoTime();
                        lex[n] = (b - a) / 1e6;
                        hyb[n] = (c - b) / 1e6;
                        embed[n++] = (e - c) / 1e6;
                    }
                }
            }
            System.out.println("Search, wall ms: lexical " + pct(lex) + "; hybrid (query embedded on the request) "
                    + pct(hyb) + "; the query's embedding alone " + pct(embed));
            index.close();
            lexicalIndex.close();
        }
    }

    private static long rebuild(Path folder, List<Item> items, ItemEmbeddings vectors) throws Exception {
        long start = System.nanoTime();
        try (MatchIndex index = vectors == null ? MatchIndex.open(folder) : MatchIndex.open(folder, vectors)) {
            for (Item item : items) {
                index.upsert(item);
            }
            index.commit(java.util.Map.of());
            index.compact().get();
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String cpuMs(ThreadMXBean cpu, int rounds, List<Item> sources,
            java.util.function.Consumer<Item> run) {
        for (Item s : sources) {
            run.accept(s);
        }
        double[] ms = new double[rounds * sources.size()];
        int n = 0;
        for (int r = 0; r < rounds; r++) {
            for (Item s : sources) {
                long a = cpu.getCurrentThreadCpuTime();
                run.accept(s);
                ms[n++] = (cpu.getCurrentThreadCpuTime() - a) / 1e6;
            }
        }
        return pct(ms);
    }

    private static String pct(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return String.format(Locale.ROOT, "p50 %.2f, p99 %.2f", v[v.length / 2], v[(int) Math.min(v.length - 1, v.length * 0.99)]);
    }

    private HybridSpeed() {
    }
}
