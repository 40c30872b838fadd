package io.kechuang.bench.relevance.handjudged;

import io.kechuang.bench.relevance.Metrics;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.index.MatchIndex;
import io.kechuang.matching.scoring.MatchFinder;
import io.kechuang.matching.scoring.ScoringConfig;
import io.kechuang.matching.scoring.ScoringConfig.Bands;
import io.kechuang.matching.scoring.ScoringConfig.Confidence;
import io.kechuang.matching.scoring.ScoringConfig.Weights;
import io.kechuang.matching.scoring.Suggestion;
import io.kechuang.matching.scoring.Suggestion.Feature;
import io.kechuang.corpus.CslCorpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Fits the matcher's query formation, feature weights and confidence bands on the TUNE split of the hand-judged set,
 * and only on it; prints what it fitted, and writes the fitted service's run ({@code service-fitted.tsv}) for every
 * demand into the output folder, for {@link HandJudgedEvaluation} to read as a further run folder.
 *
 * <ol>
 * <li><b>Query.</b> A coordinate search (two starts: the service's previous query and the plain-BM25 corner) over
 * the terms kept per analysis (20 to 240: 240 terms of two analyses, two clauses each, stay within Lucene's 1,024
 * clauses; a demand rarely has more distinct bigrams), the document-frequency ceiling (0.1, 0.3, none) and the
 * query's shape ({@link ScoringConfig.QueryShape}), with 100 candidates each.</li>
 * <li><b>Weights.</b> For each query, the field weight is searched on a grid with the text taking the rest; the
 * other features (IPC, maturity, cooperation, budget, region) are constant on this set (the papers carry none of
 * them), so they cannot be fitted here: they keep a small fixed share (0.10 in all).</li>
 * <li>The best nDCG@10 on the tune split wins; ties go to the fewer query terms, the lower ceiling, the smaller
 * field weight (the grid's order).</li>
 * <li><b>Bands.</b> On the tune split's top 20 of every demand: the largest STRONG band reaching a precision
 * (grade ≥ 1) of {@value #STRONG_PRECISION} that leaves a POSSIBLE band reaching {@value #POSSIBLE_PRECISION} on its
 * own, then the largest such POSSIBLE band ({@link #fitBands}). Unjudged papers count as not relevant.</li>
 * </ol>
 *
 * <p>Usage: {@code HandJudgedFit [folder] [output folder] [tune|test]}: with {@code test} (only once the fitted
 * values are committed) it also prints each band's precision on the test split, using the defaults of
 * {@link ScoringConfig} (which must hold what the tune run printed).
 */
public final class HandJudgedFit {

    /**
     * The bands' precision targets (grade ≥ 1), each band on its own.
     */
    static final double STRONG_PRECISION = 0.6;
    static final double POSSIBLE_PRECISION = 0.3;
    private static final int MIN_BAND_SIZE = 20;
    private static final int DEPTH = 20;
    /** The values tried per knob: terms, df ceiling, tf boost, SmartCN weight, keyword boost, head weight. */
    private static final Object[][] KNOB_VALUES = {
        {20, 40, 80, 160, 240}, {0.1, 0.3, 1.0}, {true, false}, {0.0, 0.5, 1.0}, {0f, 1f, 3f}, {1f, 2f, 3f, 5f}, {true, false}};
    private static final double[] FIELD_WEIGHT = {0.0, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2};
    private static final int[] CANDIDATES = {40, 100};
    /** The features this set cannot fit (constant here): IPC, maturity, cooperation, budget, region. */
    static final double[] OTHER_WEIGHTS = {0.02, 0.03, 0.02, 0.015, 0.015};

    private static final UUID UNIVERSITY = UUID.fromString("11111111-1111-1111-1111-111111111111");

    record Cand(String paper, double text, double field, double rest) {
    }

    record Fitted(double ndcg, double field, int candidates) {
    }

    record Knobs(int terms, double df, ScoringConfig.QueryShape shape) {
        Knobs with(int knob, Object v) {
            ScoringConfig.QueryShape q = shape;
            return switch (knob) {
                case 0 -> new Knobs((Integer) v, df, q);
                case 1 -> new Knobs(terms, (Double) v, q);
                case 2 -> new Knobs(terms, df, new ScoringConfig.QueryShape((Boolean) v, q.smartcnWeight(), q.keywordBoost(), q.headWeight(), q.bm25f()));
                case 3 -> new Knobs(terms, df, new ScoringConfig.QueryShape(q.tfBoost(), (Double) v, q.keywordBoost(), q.headWeight(), q.bm25f()));
                case 4 -> new Knobs(terms, df, new ScoringConfig.QueryShape(q.tfBoost(), q.smartcnWeight(), (Float) v, q.headWeight(), q.bm25f()));
                case 5 -> new Knobs(terms, df, new ScoringConfig.QueryShape(q.tfBoost(), q.smartcnWeight(), q.keywordBoost(), (Float) v, q.bm25f()));
                default -> new Knobs(terms, df, new ScoringConfig.QueryShape(q.tfBoost(), q.smartcnWeight(), q.keywordBoost(), q.headWeight(), (Boolean) v));
            };
        }
    }

    public static void main(String[] args) throws Exception {
        Path dir = (args.length > 0 ? Path.of(args[0]) : HandJudged.DEFAULT_DIR).toAbsolutePath();
        Path out = (args.length > 1 ? Path.of(args[1]) : Path.of("target/handjudged-fitted")).toAbsolutePath();
        boolean test = args.length > 2 && args[2].equals("test");
        List<HandJudged.Demand> demands = HandJudged.demands(dir);
        Map<String, String> split = HandJudged.split(dir);
        Map<String, Map<String, Integer>> qrels = HandJudged.qrels(dir);
        List<CslCorpus.Paper> papers = CslCorpus.papers();
        Path work = Files.createTempDirectory("handjudged-fit");

        Map<String, String> keyOfUuid = HandJudged.keyOfUuid(papers.size());
        MatchIndex index = HandJudgedDense.index(work.resolve("index"), papers, demands, null);
        Map<String, Item> items = new HashMap<>();
        for (HandJudged.Demand d : demands) {
            items.put(d.id(), HandJudgedPool.demandItem(d));
        }
        LocalDate today = LocalDate.now();

        // The tune demands with at least one relevant paper (as the evaluation uses them).
        List<HandJudged.Demand> tune = HandJudged.judged(demands, split, qrels, HandJudged.TUNE);
        List<HandJudged.Demand> testDemands = HandJudged.judged(demands, split, qrels, HandJudged.TEST);

        StringBuilder log = new StringBuilder();
        log.append(String.format(Locale.ROOT, "Fitting on the tune split: %d demands with a relevant paper.%n", tune.size()));
        double bm25 = mean(tune, d -> Metrics.ndcg(HandJudged.runs(dir).get("bm25-cjk").ranking(d.id()),
                qrels.get(d.id()), 10));
        log.append(String.format(Locale.ROOT, "bm25-cjk on tune: nDCG@10 %.4f%n%n", bm25));
        log.append("Coordinate search, knob by knob in this order, from the service's previous query, until a round "
                + "changes nothing; each query with the best field weight and candidate count:\n\n"
                + "| terms | df ceiling | tf boost | SmartCN weight | keyword boost | head weight | BM25F | candidates | field weight | tune nDCG@10 |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
        Map<Knobs, Fitted> seen = new LinkedHashMap<>();
        java.util.function.Function<Knobs, Fitted> evaluate = k -> seen.computeIfAbsent(k, key -> {
            ScoringConfig probe = ScoringConfig.defaults().withQueryTerms(key.terms(), key.df()).withQuery(key.shape())
                    .withCandidates(100).withTopK(100).withThreshold(0).withMinTextRelevance(0);
            MatchFinder finder = new MatchFinder(index.searchers(), index.analyzer(), probe);
            Map<String, List<Cand>> cands = new HashMap<>();
            for (HandJudged.Demand d : tune) {
                cands.put(d.id(), candidates(finder.findFor(items.get(d.id()), today), keyOfUuid));
            }
            Fitted f = new Fitted(-1, 0, 0);
            for (int candidates : CANDIDATES) {
                for (double wf : FIELD_WEIGHT) {
                    Weights w = weights(wf);
                    double ndcg = mean(tune, d -> Metrics.ndcg(rank(cands.get(d.id()), w, candidates), qrels.get(d.id()), 10));
                    if (ndcg > f.ndcg() + 1e-9) {
                        f = new Fitted(ndcg, wf, candidates);
                    }
                }
            }
            log.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %d | %.3f | %.4f |%n",
                    key.terms() >= 10_000 ? "all" : Integer.toString(key.terms()), key.df() >= 1 ? "none" : Double.toString(key.df()),
                    key.shape().tfBoost(), key.shape().smartcnWeight(), key.shape().keywordBoost(), key.shape().headWeight(),
                    key.shape().bm25f(), f.candidates(), f.field(), f.ndcg()));
            return f;
        });
        // The start: the service's query before this fit (20 terms, df ceiling 0.1, tf boost, SmartCN 1, keyword
        // boost 3, head weight 2, BM25F), fixed here so that the search does not depend on the current defaults.
        // A second start: the plain-BM25 corner (every term once, bigrams only, no keyword clauses, head and text
        // as two plain BM25 clauses), what bm25-cjk does; the better of the two searches wins.
        Knobs[] starts = {new Knobs(20, 0.1, new ScoringConfig.QueryShape(true, 1.0, 3f, 2f, true)),
            new Knobs(240, 1.0, new ScoringConfig.QueryShape(false, 0.0, 0f, 1f, false))};
        Knobs bestKnobs = null;
        Fitted bestFit = null;
        for (Knobs startKnobs : starts) {
        Knobs current = startKnobs;
        Fitted currentFit = evaluate.apply(current);
        log.append("| start | | | | | | | | | |\n");
        for (int round = 0; round < 4; round++) {
            Knobs before = current;
            List<Knobs> options;
            for (int knob = 0; knob < KNOB_VALUES.length; knob++) {
                options = new ArrayList<>();
                for (Object v : KNOB_VALUES[knob]) {
                    options.add(current.with(knob, v));
                }
                for (Knobs o : options) {
                    Fitted f = evaluate.apply(o);
                    if (f.ndcg() > currentFit.ndcg() + 1e-9) {
                        current = o;
                        currentFit = f;
                    }
                }
            }
            if (current.equals(before)) {
                break;
            }
        }
        if (bestFit == null || currentFit.ndcg() > bestFit.ndcg() + 1e-9) {
            bestKnobs = current;
            bestFit = currentFit;
        }
        }
        Knobs current = bestKnobs;
        Fitted currentFit = bestFit;
        int bestTerms = current.terms();
        double bestDf = current.df();
        double bestField = currentFit.field();
        int bestCandidates = currentFit.candidates();
        double best = currentFit.ndcg();
        ScoringConfig.QueryShape bestShape = current.shape();
        Weights fitted = weights(bestField);
        log.append(String.format(Locale.ROOT, "%nFitted: terms %s, df ceiling %s, %s, candidates %d, weights %s: tune "
                + "nDCG@10 %.4f (bm25-cjk %.4f)%n", bestTerms >= 10_000 ? "all" : Integer.toString(bestTerms), bestDf,
                bestShape, bestCandidates, fitted, best, bm25));

        // Bands: on the fitted ranking's top 20 of the tune demands.
        ScoringConfig chosen = ScoringConfig.defaults().withQueryTerms(bestTerms, bestDf).withQuery(bestShape)
                .withCandidates(bestCandidates)
                .withLexical(new ScoringConfig.Ranking(fitted, ScoringConfig.Ranking.lexicalDefaults().bands()))
                .withTopK(DEPTH);
        MatchFinder finder = new MatchFinder(index.searchers(), index.analyzer(), chosen);
        List<double[]> scored = new ArrayList<>();
        int top10 = 0;
        int judged10 = 0;
        for (HandJudged.Demand d : tune) {
            List<Suggestion> found = finder.findFor(items.get(d.id()), today);
            for (int i = 0; i < found.size(); i++) {
                Suggestion s = found.get(i);
                String key = keyOfUuid.get(s.achievement().id().toString());
                scored.add(new double[] {s.score(), qrels.get(d.id()).getOrDefault(key, 0) >= 1 ? 1 : 0});
                if (i < 10) {
                    top10++;
                    judged10 += qrels.get(d.id()).containsKey(key) ? 1 : 0;
                }
            }
        }
        log.append(String.format(Locale.ROOT, "Judged@10 of the fitted ranking on tune: %.1f %% (unjudged papers count "
                + "as not relevant)%n", 100.0 * judged10 / Math.max(1, top10)));
        scored.sort(Comparator.comparingDouble((double[] a) -> a[0]).reversed());
        Bands bands = fitBands(scored);
        log.append(String.format(Locale.ROOT, "Fitted bands (precision ≥ %.1f strong, ≥ %.1f possible, at least %d "
                + "suggestions a band, tune top %d): %s%n", STRONG_PRECISION, POSSIBLE_PRECISION, MIN_BAND_SIZE, DEPTH, bands));
        log.append("On tune: ").append(bandPrecision(finder.config().withLexical(new ScoringConfig.Ranking(fitted, bands)), index, tune, items, qrels, keyOfUuid, today))
                .append('\n');

        ScoringConfig defaults = ScoringConfig.defaults();
        boolean frozen = defaults.maxTermsPerAnalysis() == bestTerms && defaults.maxDocFreq() == bestDf
                && defaults.query().equals(bestShape)
                && defaults.candidates() == bestCandidates && defaults.lexical().weights().equals(fitted)
                && defaults.lexical().bands().equals(bands);
        log.append(String.format(Locale.ROOT, "ScoringConfig.defaults() %s the fitted values.%n",
                frozen ? "holds" : "does NOT hold"));

        // The run of the service as its defaults are (the fitted values once they are committed), every demand.
        MatchFinder service = new MatchFinder(index.searchers(), index.analyzer(), defaults);
        Files.createDirectories(out);
        StringBuilder run = new StringBuilder("# service-fitted: MatchFinder.findFor with ScoringConfig.defaults() "
                + defaults + "\n# languages: zh,en\n# demand\trank\tpaper\n");
        StringBuilder bandRows = new StringBuilder("# demand\trank\tpaper\tscore\tconfidence\n");
        for (HandJudged.Demand d : demands) {
            List<Suggestion> found = service.findFor(items.get(d.id()), today);
            for (int i = 0; i < found.size(); i++) {
                String key = keyOfUuid.get(found.get(i).achievement().id().toString());
                run.append(d.id()).append('\t').append(i + 1).append('\t').append(key).append('\n');
                bandRows.append(d.id()).append('\t').append(i + 1).append('\t').append(key).append('\t')
                        .append(found.get(i).score()).append('\t').append(found.get(i).confidence()).append('\n');
            }
        }
        Files.writeString(out.resolve("service-fitted.tsv"), run, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("service-fitted.bands"), bandRows, StandardCharsets.UTF_8);
        log.append("Defaults on tune: ").append(bandPrecision(defaults, index, tune, items, qrels, keyOfUuid, today))
                .append('\n');
        if (test) {
            log.append("Defaults on TEST: ").append(bandPrecision(defaults, index, testDemands, items, qrels, keyOfUuid,
                    today)).append('\n');
        }
        System.out.print(log);
        Files.writeString(out.resolve("fit.md"), log, StandardCharsets.UTF_8);
        index.close();
    }

    /** Text takes what the field and the unfitted features leave. */
    static Weights weights(double field) {
        double rest = 0;
        for (double w : OTHER_WEIGHTS) {
            rest += w;
        }
        double text = Math.round((1.0 - rest - field) * 10_000) / 10_000.0;
        return new Weights(text, 0, field, OTHER_WEIGHTS[0], OTHER_WEIGHTS[1], OTHER_WEIGHTS[2], OTHER_WEIGHTS[3],
                OTHER_WEIGHTS[4]);
    }

    private static List<Cand> candidates(List<Suggestion> found, Map<String, String> keyOfUuid) {
        List<Cand> out = new ArrayList<>();
        for (Suggestion s : found) {
            double rest = 0;
            for (Map.Entry<Feature, Suggestion.FeatureScore> e : s.breakdown().entrySet()) {
                if (e.getKey() != Feature.TEXT && e.getKey() != Feature.FIELD) {
                    rest += e.getValue().value() * e.getValue().weight();
                }
            }
            out.add(new Cand(keyOfUuid.get(s.achievement().id().toString()), s.breakdown().get(Feature.TEXT).value(),
                    s.breakdown().get(Feature.FIELD).value(), rest));
        }
        return out;
    }

    /** The top {@value #DEPTH} of the first {@code candidates} by text (BM25 order), re-ranked with the weights. */
    private static List<String> rank(List<Cand> cands, Weights w, int candidates) {
        List<Cand> byText = new ArrayList<>(cands);
        byText.sort(Comparator.comparingDouble(Cand::text).reversed());
        List<Cand> pool = new ArrayList<>(byText.subList(0, Math.min(candidates, byText.size())));
        pool.sort(Comparator.comparingDouble((Cand c) -> w.text() * c.text() + w.field() * c.field()).reversed());
        return pool.stream().limit(DEPTH).map(Cand::paper).toList();
    }

    /**
     * The largest STRONG band (the top i) reaching {@link #STRONG_PRECISION} that still leaves a POSSIBLE band (the
     * next j − i) reaching {@link #POSSIBLE_PRECISION} on its own, each holding at least {@link #MIN_BAND_SIZE};
     * then the largest such POSSIBLE band. A cut falls on a score, never between equal scores. Without any such
     * pair: the lowest STRONG cut reaching its precision, and no POSSIBLE band.
     */
    static Bands fitBands(List<double[]> sortedDesc) {
        int n = sortedDesc.size();
        int[] relevantAbove = new int[n + 1];
        for (int k = 0; k < n; k++) {
            relevantAbove[k + 1] = relevantAbove[k] + (int) sortedDesc.get(k)[1];
        }
        int bestI = -1;
        int bestJ = -1;
        for (int i = MIN_BAND_SIZE; i <= n; i++) {
            if (i < n && sortedDesc.get(i)[0] == sortedDesc.get(i - 1)[0]) {
                continue;
            }
            if (relevantAbove[i] < STRONG_PRECISION * i) {
                continue;
            }
            for (int j = i + MIN_BAND_SIZE; j <= n; j++) {
                if (j < n && sortedDesc.get(j)[0] == sortedDesc.get(j - 1)[0]) {
                    continue;
                }
                if (relevantAbove[j] - relevantAbove[i] >= POSSIBLE_PRECISION * (j - i)
                        && (i > bestI || (i == bestI && j > bestJ))) {
                    bestI = i;
                    bestJ = j;
                }
            }
        }
        if (bestI < 0) {
            double strong = cutOff(sortedDesc, Double.MAX_VALUE, STRONG_PRECISION);
            return new Bands(strong, strong);
        }
        return new Bands(sortedDesc.get(bestI - 1)[0], sortedDesc.get(bestJ - 1)[0]);
    }

    /** The lowest score whose items scoring in [it, above) reach the precision, with at least MIN_BAND_SIZE items. */
    private static double cutOff(List<double[]> sortedDesc, double above, double precision) {
        double cut = above;
        int n = 0;
        int relevant = 0;
        for (double[] s : sortedDesc) {
            if (s[0] >= above) {
                continue;
            }
            n++;
            relevant += (int) s[1];
            if (n >= MIN_BAND_SIZE && relevant / (double) n >= precision) {
                cut = s[0];
            }
        }
        return cut == Double.MAX_VALUE ? 1.0 : cut;
    }

    private static String bandPrecision(ScoringConfig config, MatchIndex index, List<HandJudged.Demand> demands,
            Map<String, Item> items, Map<String, Map<String, Integer>> qrels, Map<String, String> keyOfUuid,
            LocalDate today) {
        MatchFinder finder = new MatchFinder(index.searchers(), index.analyzer(), config);
        Map<Confidence, int[]> counts = new EnumMap<>(Confidence.class);
        for (Confidence c : Confidence.values()) {
            counts.put(c, new int[3]);
        }
        for (HandJudged.Demand d : demands) {
            for (Suggestion s : finder.findFor(items.get(d.id()), today)) {
                int grade = qrels.get(d.id()).getOrDefault(keyOfUuid.get(s.achievement().id().toString()), 0);
                int[] c = counts.get(s.confidence());
                c[0]++;
                c[1] += grade >= 1 ? 1 : 0;
                c[2] += grade >= 2 ? 1 : 0;
            }
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%d demands, top %d: ", demands.size(),
                config.topK()));
        Map<Confidence, String> parts = new LinkedHashMap<>();
        counts.forEach((band, c) -> parts.put(band, String.format(Locale.ROOT,
                "%s %d suggestions (%.1f a demand), precision grade≥1 %.3f%s, grade 2 %.3f", band, c[0],
                c[0] / (double) demands.size(), c[0] == 0 ? 0 : c[1] / (double) c[0], interval(c[1], c[0]),
                c[0] == 0 ? 0 : c[2] / (double) c[0])));
        return String.join("; ", parts.values());
    }

    /** Wilson 95 % interval of a proportion. */
    static String interval(int k, int n) {
        if (n == 0) {
            return "";
        }
        double z = 1.96;
        double p = k / (double) n;
        double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / (1 + z * z / n);
        return String.format(Locale.ROOT, " [%.3f, %.3f]", Math.max(0, centre - half), Math.min(1, centre + half));
    }

    private static double mean(List<HandJudged.Demand> demands, java.util.function.ToDoubleFunction<HandJudged.Demand> f) {
        return demands.stream().mapToDouble(f).average().orElse(0);
    }

    private HandJudgedFit() {
    }
}
