package io.kechuang.bench.relevance.handjudged;

import io.kechuang.bench.embedding.FileEmbeddingCache;
import io.kechuang.bench.relevance.Evaluated;
import io.kechuang.bench.relevance.LuceneBm25;
import io.kechuang.bench.relevance.Metrics;
import io.kechuang.matching.embedding.BgeSmallZh;
import io.kechuang.matching.embedding.ItemEmbeddings;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.index.MatchIndex;
import io.kechuang.matching.scoring.MatchFinder;
import io.kechuang.matching.scoring.ScoringConfig;
import io.kechuang.matching.scoring.Suggestion;
import io.kechuang.corpus.CslCorpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;

/**
 * The other direction: an achievement's suggested demands. The judgements are the same pairs read from the other
 * side (a paper relevant to a demand is a demand relevant to the paper), so every paper that some demand found
 * relevant becomes a source, ranked against the 68 demands by the service (hybrid and lexical) and by plain BM25 over
 * CJK bigrams with the paper's whole text as the query. A paper belongs to the test split when every demand it is
 * relevant to is a test demand, to tune when every one is a tune demand (mixed papers count in "all" only), so the
 * test figures come from pairs the fit never saw. Unjudged pairs count as not relevant; {@code judged@10} says how
 * much of each ranking's top 10 was judged (the pools were built from the demands' side).
 *
 * <p>Usage: {@code HandJudgedReverse [folder] [report file] [resamples]}.
 */
public final class HandJudgedReverse {

    private static final int DEPTH = 20;

    record Source(String paper, Item item, Map<String, Integer> qrels, String part) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = (args.length > 0 ? Path.of(args[0]) : HandJudged.DEFAULT_DIR).toAbsolutePath();
        Path reportFile = args.length > 1 ? Path.of(args[1]) : Path.of("target/handjudged-reverse.md");
        int resamples = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        List<HandJudged.Demand> demands = HandJudged.demands(dir);
        Map<String, String> split = HandJudged.split(dir);
        Map<String, Map<String, Integer>> byDemand = HandJudged.qrels(dir);
        List<CslCorpus.Paper> papers = CslCorpus.papers();
        LocalDate today = LocalDate.now();

        Map<String, Map<String, Integer>> byPaper = new TreeMap<>();
        byDemand.forEach((demand, grades) -> grades.forEach((paper, grade) ->
                byPaper.computeIfAbsent(paper, p -> new HashMap<>()).put(demand, grade)));
        List<Source> sources = new ArrayList<>();
        byPaper.forEach((paper, grades) -> {
            List<String> relevantTo = grades.entrySet().stream().filter(e -> e.getValue() >= 1).map(Map.Entry::getKey).toList();
            if (relevantTo.isEmpty()) {
                return;
            }
            boolean allTest = relevantTo.stream().allMatch(d -> HandJudged.TEST.equals(split.get(d)));
            boolean allTune = relevantTo.stream().allMatch(d -> HandJudged.TUNE.equals(split.get(d)));
            int i = HandJudged.paperIndex(paper);
            sources.add(new Source(paper, HandJudgedPool.paperItem(i, papers.get(i)), grades,
                    allTest ? HandJudged.TEST : allTune ? HandJudged.TUNE : "mixed"));
        });

        Map<String, String> demandOfUuid = new HashMap<>();
        List<Evaluated.Doc> demandDocs = new ArrayList<>();
        for (HandJudged.Demand d : demands) {
            demandOfUuid.put(HandJudgedPool.demandItem(d).id().toString(), d.id());
            demandDocs.add(new Evaluated.Doc(d.id(), d.title(), d.keywords(), d.serviceText(), ""));
        }
        Map<String, Function<Source, List<String>>> rankers = new LinkedHashMap<>();
        Map<String, Map<String, List<Suggestion>>> suggestions = new HashMap<>();
        StringBuilder out = new StringBuilder("## The other direction: an achievement's demands\n\n");
        try (BgeSmallZh model = new BgeSmallZh(Runtime.getRuntime().availableProcessors());
                LuceneBm25 bm25 = new LuceneBm25(new CJKAnalyzer(), demandDocs)) {
            ItemEmbeddings embeddings = new ItemEmbeddings(model, FileEmbeddingCache.openDefault());
            MatchIndex hybridIndex = HandJudgedDense.index(Files.createTempDirectory("reverse-hybrid"), papers,
                    demands, embeddings);
            MatchIndex lexicalIndex = HandJudgedDense.index(Files.createTempDirectory("reverse-lexical"), papers,
                    demands, null);
            MatchFinder hybrid = new MatchFinder(hybridIndex.searchers(), hybridIndex.analyzer(),
                    ScoringConfig.defaults().withTopK(DEPTH), embeddings);
            MatchFinder lexical = new MatchFinder(lexicalIndex.searchers(), lexicalIndex.analyzer(),
                    ScoringConfig.defaults().withTopK(DEPTH));
            rankers.put("bm25-cjk", s -> {
                try {
                    return bm25.search(s.item().title() + "\n" + String.join("；", s.item().keywords()) + "\n"
                            + s.item().text(), DEPTH);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            rankers.put("service-lexical", s -> demandsOf(lexical.findFor(s.item(), today), demandOfUuid));
            rankers.put("service-hybrid", s -> {
                List<Suggestion> found = hybrid.findFor(s.item(), today);
                suggestions.computeIfAbsent("service-hybrid", k -> new HashMap<>()).put(s.paper(), found);
                return demandsOf(found, demandOfUuid);
            });
            Map<String, Map<String, List<String>>> runs = new LinkedHashMap<>();
            for (Map.Entry<String, Function<Source, List<String>>> r : rankers.entrySet()) {
                Map<String, List<String>> run = new HashMap<>();
                for (Source s : sources) {
                    run.put(s.paper(), r.getValue().apply(s));
                }
                runs.put(r.getKey(), run);
            }
            out.append(String.format(Locale.ROOT, "%d papers relevant (grade ≥ 1) to at least one demand are the sources "
                    + "(%d test, %d tune, %d mixed); each is ranked against the %d demands. %d bootstrap resamples.%n%n",
                    sources.size(), count(sources, HandJudged.TEST), count(sources, HandJudged.TUNE),
                    count(sources, "mixed"), demands.size(), resamples));
            for (String part : List.of("all", HandJudged.TUNE, HandJudged.TEST)) {
                List<Source> in = sources.stream().filter(s -> part.equals("all") || part.equals(s.part())).toList();
                out.append(String.format(Locale.ROOT, "### %s: %d papers%n%n| ranker | nDCG@10 [95 %% CI] | P@5 | "
                        + "Recall@20 | MRR | judged@10 | minus bm25-cjk nDCG@10 [95 %% CI] |%n|---|---|---|---|---|---|---|%n",
                        part, in.size()));
                for (String ranker : runs.keySet()) {
                    double[] ndcg = new double[in.size()];
                    double[] base = new double[in.size()];
                    double p5 = 0;
                    double r20 = 0;
                    double mrr = 0;
                    int judged = 0;
                    int shown = 0;
                    for (int i = 0; i < in.size(); i++) {
                        Source s = in.get(i);
                        List<String> ranking = runs.get(ranker).get(s.paper());
                        ndcg[i] = Metrics.ndcg(ranking, s.qrels(), 10);
                        base[i] = Metrics.ndcg(runs.get("bm25-cjk").get(s.paper()), s.qrels(), 10);
                        p5 += Metrics.precision(ranking, s.qrels(), 1, 5);
                        r20 += Metrics.recall(ranking, s.qrels(), 20);
                        mrr += Metrics.reciprocalRank(ranking, s.qrels(), 1, 20);
                        for (String d : ranking.subList(0, Math.min(10, ranking.size()))) {
                            shown++;
                            judged += s.qrels().containsKey(d) ? 1 : 0;
                        }
                    }
                    double[] ci = bootstrap(ndcg, null, resamples);
                    double[] diff = bootstrap(ndcg, base, resamples);
                    out.append(String.format(Locale.ROOT, "| `%s` | %.3f [%.3f, %.3f] | %.3f | %.3f | %.3f | %.0f %% | %s |%n",
                            ranker, ci[0], ci[1], ci[2], p5 / in.size(), r20 / in.size(), mrr / in.size(),
                            100.0 * judged / Math.max(1, shown), ranker.equals("bm25-cjk") ? "–"
                                    : String.format(Locale.ROOT, "%+.3f [%+.3f, %+.3f]", diff[0], diff[1], diff[2])));
                }
                // The bands of the hybrid suggestions from this side.
                Map<ScoringConfig.Confidence, int[]> bands = new TreeMap<>();
                for (Source s : in) {
                    for (Suggestion sg : suggestions.get("service-hybrid").get(s.paper())) {
                        int[] c = bands.computeIfAbsent(sg.confidence(), k -> new int[2]);
                        c[0]++;
                        c[1] += s.qrels().getOrDefault(demandOfUuid.get(sg.demand().id().toString()), 0) >= 1 ? 1 : 0;
                    }
                }
                out.append("\nBands of `service-hybrid` from this side: ");
                bands.forEach((band, c) -> out.append(String.format(Locale.ROOT, "%s %d (%.1f a paper), precision %.3f%s; ",
                        band, c[0], c[0] / (double) in.size(), c[1] / (double) Math.max(1, c[0]),
                        HandJudgedFit.interval(c[1], c[0]))));
                out.append("\n\n");
            }
            hybridIndex.close();
            lexicalIndex.close();
        }
        System.out.print(out);
        if (reportFile.getParent() != null) {
            Files.createDirectories(reportFile.getParent());
        }
        Files.writeString(reportFile, out, StandardCharsets.UTF_8);
    }

    private static long count(List<Source> sources, String part) {
        return sources.stream().filter(s -> s.part().equals(part)).count();
    }

    private static List<String> demandsOf(List<Suggestion> found, Map<String, String> demandOfUuid) {
        return found.stream().map(s -> demandOfUuid.get(s.demand().id().toString())).toList();
    }

    /** Mean of {@code a} (minus {@code b} if given) and its 95 % percentile bootstrap interval. */
    private static double[] bootstrap(double[] a, double[] b, int resamples) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - (b == null ? 0 : b[i]);
        }
        Metrics.Estimate e = Metrics.bootstrap(d, resamples, HandJudgedEvaluation.SEED);
        return new double[] {e.mean(), e.low(), e.high()};
    }

    private HandJudgedReverse() {
    }
}
