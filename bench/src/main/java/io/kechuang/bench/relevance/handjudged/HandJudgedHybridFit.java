package io.kechuang.bench.relevance.handjudged;

import io.kechuang.bench.embedding.FileEmbeddingCache;
import io.kechuang.bench.relevance.Metrics;
import io.kechuang.matching.embedding.BgeSmallZh;
import io.kechuang.matching.embedding.ItemEmbeddings;
import io.kechuang.matching.embedding.QueryEmbeddings;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.index.MatchIndex;
import io.kechuang.matching.scoring.MatchFinder;
import io.kechuang.matching.scoring.ScoringConfig;
import io.kechuang.matching.scoring.ScoringConfig.Bands;
import io.kechuang.matching.scoring.ScoringConfig.Dense;
import io.kechuang.matching.scoring.ScoringConfig.Ranking;
import io.kechuang.matching.scoring.ScoringConfig.Weights;
import io.kechuang.matching.scoring.Suggestion;
import io.kechuang.matching.scoring.Suggestion.Feature;
import io.kechuang.matching.search.SearchEngine;
import io.kechuang.matching.search.SearchRequest;
import io.kechuang.corpus.CslCorpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fits the hybrid ranking (BM25 and bge-small-zh vectors in the same index) on the TUNE split of the hand-judged
 * set, and only on it; the lexical query stays as {@link HandJudgedFit} fitted it.
 *
 * <ol>
 * <li>Every tune demand's candidates are gathered once, generously (BM25's top 100 and the vector's nearest 100),
 * with each one's text relevance, cosine, field value and the other features' fixed contribution.</li>
 * <li><b>Linear fusion.</b> A grid over the BM25 and vector candidate counts, the cosine a vector-only candidate
 * needs, the semantic weight and the field weight (text takes the rest of 0.90); the best tune nDCG@10 wins, ties
 * to the earlier (smaller) values.</li>
 * <li><b>RRF</b> of the two rankings (k = 60) is scored on the same candidates, for comparison.</li>
 * <li><b>Bands</b>: as {@link HandJudgedFit#fitBands}, on the fitted hybrid's tune top 20.</li>
 * </ol>
 * Then it writes the runs of the service's hybrid defaults ({@code service-hybrid.tsv}) and of the hybrid portal
 * search ({@code search-hybrid.tsv}) for every demand to the output folder, and prints the bands' precision on tune
 * (and on test with {@code test}, once the fit is committed).
 *
 * <p>Usage: {@code HandJudgedHybridFit [folder] [output folder] [tune|test]}. Needs the vectors that
 * {@link HandJudgedDense} cached (it computes any that are missing).
 */
public final class HandJudgedHybridFit {

    private static final int DEPTH = 20;
    private static final int[] LEXICAL_CANDIDATES = {40, 100};
    private static final int[] DENSE_CANDIDATES = {0, 20, 40, 100};
    private static final double[] MIN_COSINE = {0.0, 0.5, 0.55, 0.6, 0.65, 0.7};
    /** Without 0: the hybrid must use the vectors (the lexical fit, weight 0, is reported next to it). */
    private static final double[] SEMANTIC_WEIGHT = {0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6,
        0.7};
    private static final double[] FIELD_WEIGHT = {0.0, 0.01, 0.03, 0.05};
    private static final double[] SEARCH_DENSE_WEIGHT = {0.1, 0.25, 0.5, 1.0};
    private static final double FLOOR = Dense.defaults().floor();

    /** One candidate of a demand: lexical and dense ranks (MAX_VALUE when not retrieved by that side). */
    record Cand(String paper, double text, double cosine, double field, double rest, int lexicalRank, int denseRank) {
    }

    record Fit(double ndcg, int lexical, int dense, double minCosine, double semantic, double field) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = (args.length > 0 ? Path.of(args[0]) : HandJudged.DEFAULT_DIR).toAbsolutePath();
        Path out = (args.length > 1 ? Path.of(args[1]) : Path.of("target/handjudged-fitted")).toAbsolutePath();
        boolean test = args.length > 2 && args[2].equals("test");
        List<HandJudged.Demand> demands = HandJudged.demands(dir);
        Map<String, String> split = HandJudged.split(dir);
        Map<String, Map<String, Integer>> qrels = HandJudged.qrels(dir);
        List<CslCorpus.Paper> papers = CslCorpus.papers();
        Map<String, String> keyOfUuid = HandJudged.keyOfUuid(papers.size());
        StringBuilder log = new StringBuilder();
        try (BgeSmallZh model = new BgeSmallZh(Runtime.getRuntime().availableProcessors())) {
            ItemEmbeddings embeddings = new ItemEmbeddings(model, FileEmbeddingCache.openDefault());
            MatchIndex index = HandJudgedDense.index(Files.createTempDirectory("handjudged-hybrid"), papers,
                    demands, embeddings);
            LocalDate today = LocalDate.now();
            Map<String, Item> items = new HashMap<>();
            demands.forEach(d -> items.put(d.id(), HandJudgedPool.demandItem(d)));
            List<HandJudged.Demand> tune = HandJudged.judged(demands, split, qrels, HandJudged.TUNE);
            List<HandJudged.Demand> testDemands = HandJudged.judged(demands, split, qrels, HandJudged.TEST);
            log.append(String.format(Locale.ROOT, "Fitting the hybrid on the tune split: %d demands with a relevant "
                    + "paper.%n", tune.size()));

            // 1. Candidates, once.
            ScoringConfig probe = ScoringConfig.defaults().withCandidates(100).withTopK(1000)
                    .withDense(new Dense(100, 0.0, -1.0))
                    .withHybrid(new Ranking(new Weights(0.5, 0.4, 0.0, 0.02, 0.03, 0.02, 0.015, 0.015),
                            Ranking.hybridDefaults().bands()));
            MatchFinder probing = new MatchFinder(index.searchers(), index.analyzer(), probe, embeddings);
            Map<String, List<Cand>> cands = new HashMap<>();
            for (HandJudged.Demand d : tune) {
                cands.put(d.id(), candidates(probing.findFor(items.get(d.id()), today), keyOfUuid));
            }

            // 2. Linear fusion on a grid.
            Fit best = new Fit(-1, 0, 0, 0, 0, 0);
            for (int lexical : LEXICAL_CANDIDATES) {
                for (int dense : DENSE_CANDIDATES) {
                    for (double minCosine : dense == 0 ? new double[] {0.0} : MIN_COSINE) {
                        for (double semantic : SEMANTIC_WEIGHT) {
                            for (double field : FIELD_WEIGHT) {
                                Fit f = new Fit(mean(tune, d -> Metrics.ndcg(linear(cands.get(d.id()), lexical, dense,
                                        minCosine, semantic, field), qrels.get(d.id()), 10)), lexical, dense, minCosine,
                                        semantic, field);
                                if (f.ndcg() > best.ndcg() + 1e-9) {
                                    best = f;
                                }
                            }
                        }
                    }
                }
            }
            Fit fitted = best;
            Fit lexicalOnly = new Fit(mean(tune, d -> Metrics.ndcg(linear(cands.get(d.id()),
                    ScoringConfig.defaults().candidates(), 0, 0, 0, Ranking.lexicalDefaults().weights().field()),
                    qrels.get(d.id()), 10)), ScoringConfig.defaults().candidates(), 0, 0, 0,
                    Ranking.lexicalDefaults().weights().field());
            double denseOnly = mean(tune, d -> Metrics.ndcg(byDense(cands.get(d.id())), qrels.get(d.id()), 10));
            double rrf = mean(tune, d -> Metrics.ndcg(rrf(cands.get(d.id()), 40, 40), qrels.get(d.id()), 10));
            double bm25 = mean(tune, d -> Metrics.ndcg(HandJudged.runs(dir).get("bm25-cjk").ranking(d.id()),
                    qrels.get(d.id()), 10));
            log.append(String.format(Locale.ROOT, "On tune, nDCG@10: bm25-cjk %.4f; lexical service (semantic weight 0, "
                    + "which no weight above 0 beats on tune) %.4f; dense only "
                    + "%.4f; RRF (k 60, 40 + 40) %.4f; fitted linear fusion with the vectors %.4f%n", bm25, lexicalOnly.ndcg(), denseOnly,
                    rrf, fitted.ndcg()));
            log.append(String.format(Locale.ROOT, "Fitted: BM25 candidates %d, vector candidates %d, vector-only "
                    + "candidates from cosine %.2f, semantic weight %.2f, field weight %.2f, text %.2f (floor %.2f)%n",
                    fitted.lexical(), fitted.dense(), fitted.minCosine(), fitted.semantic(), fitted.field(),
                    textWeight(fitted.semantic(), fitted.field()), FLOOR));
            // The neighbourhood of the optimum, so that a reader sees how flat it is.
            log.append("Semantic weight around the fit (other knobs fitted): ");
            for (double semantic : SEMANTIC_WEIGHT) {
                log.append(String.format(Locale.ROOT, "%.2f→%.4f ", semantic, mean(tune, d -> Metrics.ndcg(
                        linear(cands.get(d.id()), fitted.lexical(), fitted.dense(), fitted.minCosine(), semantic,
                                fitted.field()), qrels.get(d.id()), 10))));
            }
            log.append('\n');

            // 3. Bands on the fitted hybrid's tune top 20.
            Ranking unbanded = new Ranking(weights(fitted.semantic(), fitted.field()), Ranking.hybridDefaults().bands());
            ScoringConfig chosen = ScoringConfig.defaults().withCandidates(fitted.lexical())
                    .withDense(new Dense(fitted.dense(), FLOOR, fitted.minCosine())).withHybrid(unbanded).withTopK(DEPTH);
            MatchFinder finder = new MatchFinder(index.searchers(), index.analyzer(), chosen, embeddings);
            List<double[]> scored = new ArrayList<>();
            for (HandJudged.Demand d : tune) {
                for (Suggestion s : finder.findFor(items.get(d.id()), today)) {
                    String key = keyOfUuid.get(s.achievement().id().toString());
                    scored.add(new double[] {s.score(), qrels.get(d.id()).getOrDefault(key, 0) >= 1 ? 1 : 0});
                }
            }
            scored.sort(Comparator.comparingDouble((double[] a) -> a[0]).reversed());
            Bands bands = HandJudgedFit.fitBands(scored);
            log.append(String.format(Locale.ROOT, "Fitted hybrid bands (precision ≥ %.1f strong, ≥ %.1f possible): %s%n",
                    HandJudgedFit.STRONG_PRECISION, HandJudgedFit.POSSIBLE_PRECISION, bands));
            ScoringConfig defaults = ScoringConfig.defaults();
            boolean frozen = defaults.candidates() == fitted.lexical() && defaults.dense().candidates() == fitted.dense()
                    && (fitted.dense() == 0 || defaults.dense().minCosine() == fitted.minCosine())
                    && defaults.hybrid().weights().equals(weights(fitted.semantic(), fitted.field()))
                    && defaults.hybrid().bands().equals(bands);
            log.append(String.format(Locale.ROOT, "ScoringConfig.defaults() %s the fitted hybrid values.%n",
                    frozen ? "holds" : "does NOT hold"));

            // 4. The runs of the defaults, every demand, and the bands' precision.
            MatchFinder service = new MatchFinder(index.searchers(), index.analyzer(), defaults, embeddings);
            StringBuilder run = new StringBuilder("# service-hybrid: MatchFinder.findFor, hybrid, ScoringConfig.defaults() "
                    + defaults + "\n# languages: zh,en\n# demand\trank\tpaper\n");
            Map<String, int[]> bandCounts = new java.util.TreeMap<>();
            Map<String, int[]> bandCountsTest = new java.util.TreeMap<>();
            for (HandJudged.Demand d : demands) {
                List<Suggestion> found = service.findFor(items.get(d.id()), today);
                for (int i = 0; i < found.size(); i++) {
                    String key = keyOfUuid.get(found.get(i).achievement().id().toString());
                    run.append(d.id()).append('\t').append(i + 1).append('\t').append(key).append('\n');
                    int grade = qrels.getOrDefault(d.id(), Map.of()).getOrDefault(key, 0);
                    Map<String, int[]> counts = tune.contains(d) ? bandCounts : testDemands.contains(d) ? bandCountsTest : null;
                    if (counts != null) {
                        int[] c = counts.computeIfAbsent(found.get(i).confidence().name(), k -> new int[2]);
                        c[0]++;
                        c[1] += grade >= 1 ? 1 : 0;
                    }
                }
            }
            Files.createDirectories(out);
            Files.writeString(out.resolve("service-hybrid.tsv"), run, StandardCharsets.UTF_8);
            log.append("Defaults' bands on tune: ").append(bands(bandCounts)).append('\n');
            if (test) {
                log.append("Defaults' bands on TEST: ").append(bands(bandCountsTest)).append('\n');
            }

            // 5. The hybrid portal search, as /api/search runs it: the vector list's weight in the fusion fitted on
            // tune, then the run of the default for every demand.
            try (QueryEmbeddings queries = new QueryEmbeddings(model, 1, 8, 1000, Duration.ofSeconds(30))) {
                log.append("Search, tune nDCG@10 by the vector list's weight in the fusion: ");
                double bestSearch = -1;
                double bestWeight = 0;
                for (double w : SEARCH_DENSE_WEIGHT) {
                    SearchEngine search = new SearchEngine(index.searchers(), index.analyzer(), queries::embed, w);
                    double ndcg = mean(tune, d -> Metrics.ndcg(searchRun(search, d, keyOfUuid, today), qrels.get(d.id()), 10));
                    log.append(String.format(Locale.ROOT, "%.2f→%.4f ", w, ndcg));
                    if (ndcg > bestSearch + 1e-9) {
                        bestSearch = ndcg;
                        bestWeight = w;
                    }
                }
                SearchEngine lexicalSearch = new SearchEngine(index.searchers(), index.analyzer());
                log.append(String.format(Locale.ROOT, "(lexical %.4f); fitted %.2f; SearchEngine.DEFAULT_DENSE_WEIGHT %s it%n",
                        mean(tune, d -> Metrics.ndcg(searchRun(lexicalSearch, d, keyOfUuid, today), qrels.get(d.id()), 10)),
                        bestWeight, bestWeight == SearchEngine.DEFAULT_DENSE_WEIGHT ? "holds" : "does NOT hold"));
                SearchEngine search = new SearchEngine(index.searchers(), index.analyzer(), queries::embed);
                StringBuilder searchRun = new StringBuilder("# search-hybrid: SearchEngine (/api/search) with query "
                        + "vectors (weighted RRF of BM25 and the vector's neighbours), title + keywords as the query, "
                        + "achievements, first page of 20\n# languages: zh,en\n# demand\trank\tpaper\n");
                for (HandJudged.Demand d : demands) {
                    List<String> ranked = searchRun(search, d, keyOfUuid, today);
                    for (int i = 0; i < ranked.size(); i++) {
                        searchRun.append(d.id()).append('\t').append(i + 1).append('\t').append(ranked.get(i)).append('\n');
                    }
                }
                Files.writeString(out.resolve("search-hybrid.tsv"), searchRun, StandardCharsets.UTF_8);
            }
            index.close();
        }
        System.out.print(log);
        Files.writeString(out.resolve("hybrid-fit.md"), log, StandardCharsets.UTF_8);
    }

    private static List<String> searchRun(SearchEngine search, HandJudged.Demand d, Map<String, String> keyOfUuid,
            LocalDate today) {
        var r = search.search(new SearchRequest(HandJudgedPool.portalQuery(d), Item.Kind.ACHIEVEMENT, null, null, null,
                null, null, null, SearchRequest.Sort.RELEVANCE, 0, DEPTH), today);
        return r.items().stream().map(h -> keyOfUuid.get(h.id().toString())).toList();
    }

    static double textWeight(double semantic, double field) {
        double rest = 0;
        for (double w : HandJudgedFit.OTHER_WEIGHTS) {
            rest += w;
        }
        return Math.round((1.0 - rest - semantic - field) * 10_000) / 10_000.0;
    }

    static Weights weights(double semantic, double field) {
        double[] o = HandJudgedFit.OTHER_WEIGHTS;
        return new Weights(textWeight(semantic, field), semantic, field, o[0], o[1], o[2], o[3], o[4]);
    }

    private static List<Cand> candidates(List<Suggestion> found, Map<String, String> keyOfUuid) {
        List<Cand> raw = new ArrayList<>();
        for (Suggestion s : found) {
            double rest = 0;
            for (Map.Entry<Feature, Suggestion.FeatureScore> e : s.breakdown().entrySet()) {
                if (e.getKey() != Feature.TEXT && e.getKey() != Feature.FIELD && e.getKey() != Feature.SEMANTIC) {
                    rest += e.getValue().value() * e.getValue().weight();
                }
            }
            Suggestion.FeatureScore semantic = s.breakdown().get(Feature.SEMANTIC);
            raw.add(new Cand(keyOfUuid.get(s.achievement().id().toString()), s.breakdown().get(Feature.TEXT).value(),
                    semantic == null ? 0 : semantic.value(), s.breakdown().get(Feature.FIELD).value(), rest, 0, 0));
        }
        // Ranks on each side: BM25 order is text order (text relevance is monotone in the BM25 score); only
        // candidates with a text match have a lexical rank.
        List<Cand> byText = raw.stream().filter(c -> c.text() > 0)
                .sorted(Comparator.comparingDouble(Cand::text).reversed()).toList();
        List<Cand> byCosine = raw.stream().sorted(Comparator.comparingDouble(Cand::cosine).reversed()).toList();
        Map<String, Integer> lexicalRank = new HashMap<>();
        Map<String, Integer> denseRank = new HashMap<>();
        for (int i = 0; i < byText.size(); i++) {
            lexicalRank.put(byText.get(i).paper(), i + 1);
        }
        for (int i = 0; i < byCosine.size(); i++) {
            denseRank.put(byCosine.get(i).paper(), i + 1);
        }
        List<Cand> out = new ArrayList<>();
        for (Cand c : raw) {
            out.add(new Cand(c.paper(), c.text(), c.cosine(), c.field(), c.rest(),
                    lexicalRank.getOrDefault(c.paper(), Integer.MAX_VALUE), denseRank.get(c.paper())));
        }
        return out;
    }

    /** The service's candidate rule and linear score, replayed on the gathered candidates. */
    private static List<String> linear(List<Cand> cands, int lexical, int dense, double minCosine, double semantic,
            double field) {
        Weights w = weights(semantic, field);
        return cands.stream()
                .filter(c -> c.lexicalRank() <= lexical || (c.denseRank() <= dense && c.cosine() >= minCosine))
                .sorted(Comparator.comparingDouble((Cand c) -> w.text() * c.text()
                        + w.semantic() * Math.max(0, Math.min(1, (c.cosine() - FLOOR) / (1 - FLOOR)))
                        + w.field() * c.field() + c.rest()).reversed())
                .limit(DEPTH).map(Cand::paper).toList();
    }

    private static List<String> byDense(List<Cand> cands) {
        return cands.stream().sorted(Comparator.comparingInt(Cand::denseRank)).limit(DEPTH).map(Cand::paper).toList();
    }

    private static List<String> rrf(List<Cand> cands, int lexical, int dense) {
        return cands.stream().filter(c -> c.lexicalRank() <= lexical || c.denseRank() <= dense)
                .sorted(Comparator.comparingDouble((Cand c) -> -((c.lexicalRank() <= lexical ? 1.0 / (60 + c.lexicalRank()) : 0)
                        + (c.denseRank() <= dense ? 1.0 / (60 + c.denseRank()) : 0))))
                .limit(DEPTH).map(Cand::paper).toList();
    }

    private static String bands(Map<String, int[]> counts) {
        StringBuilder out = new StringBuilder();
        counts.forEach((band, c) -> out.append(String.format(Locale.ROOT, "%s %d suggestions, precision grade≥1 %.3f%s; ",
                band, c[0], c[0] == 0 ? 0 : c[1] / (double) c[0], HandJudgedFit.interval(c[1], c[0]))));
        return out.toString();
    }

    private static double mean(List<HandJudged.Demand> demands,
            java.util.function.ToDoubleFunction<HandJudged.Demand> f) {
        return demands.stream().mapToDouble(f).average().orElse(0);
    }

    private HandJudgedHybridFit() {
    }
}
