package io.kechuang.bench.relevance.handjudged;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kechuang.bench.relevance.Metrics;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.index.MatchIndex;
import io.kechuang.matching.learning.LabelledPair;
import io.kechuang.matching.learning.LabelledPairs;
import io.kechuang.matching.learning.WeightsFile;
import io.kechuang.matching.learning.WeightsFit;
import io.kechuang.matching.scoring.MatchFinder;
import io.kechuang.matching.scoring.ScoringConfig;
import io.kechuang.matching.scoring.ScoringConfig.Bands;
import io.kechuang.matching.scoring.ScoringConfig.Ranking;
import io.kechuang.matching.scoring.ScoringConfig.Weights;
import io.kechuang.matching.scoring.Suggestion;
import io.kechuang.matching.scoring.Suggestion.Feature;
import io.kechuang.corpus.CslCorpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Refits the ranking's feature weights from the platform's labelled pairs together with the hand-judged TUNE split,
 * reports the change on the hand-judged TEST split (never fitted on), and writes the scoring configuration file that
 * the matching service loads at start-up ({@code kechuang.matching.scoring.weights-file}).
 *
 * <p>Usage: {@code RefitRanking <handjudged folder> <source> <output file> [current weights file]}. The source is a
 * JDBC URL of the matching service's database ({@code jdbc:postgresql://host:5432/matching?user=…&password=…}: the
 * view {@code labelled_pair} is read), or comma-separated files of {@code GET /api/matches/labelled-pairs} pages (or
 * JSON lines of labelled pairs), or {@code none}: the hand-judged set alone. The fit starts from the current weights
 * (the file, else the built-in defaults): see {@link WeightsFit}. With changed weights, the lexical bands are refitted
 * on the tune split as {@code exec@handjudged-fit} fits them, and the hybrid bands move by as much (refitting them
 * needs the embedding model: {@code exec@handjudged-hybrid-fit}).
 */
public final class RefitRanking {

    private static final int DEPTH = 20;
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** One candidate of a demand: its paper key and stored feature values. */
    record Cand(String paper, Map<Feature, Double> features) {
        double score(Weights w) {
            return Math.min(1.0, w.text() * f(Feature.TEXT) + w.semantic() * f(Feature.SEMANTIC)
                    + w.field() * f(Feature.FIELD) + w.ipc() * f(Feature.IPC) + w.maturity() * f(Feature.MATURITY)
                    + w.cooperation() * f(Feature.COOPERATION) + w.budget() * f(Feature.BUDGET)
                    + w.region() * f(Feature.REGION));
        }

        double f(Feature feature) {
            return features.getOrDefault(feature, 0.0);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: RefitRanking <handjudged folder> <jdbc:postgresql://…|export files|none> "
                    + "<output file> [current weights file]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        String source = args[1];
        Path out = Path.of(args[2]).toAbsolutePath();
        Path currentFile = args.length > 3 && !args[3].isBlank() && !args[3].equals("none")
                ? Path.of(args[3]).toAbsolutePath() : null;
        long started = System.nanoTime();

        ScoringConfig defaults = ScoringConfig.defaults();
        WeightsFile.Rankings current = currentFile == null
                ? new WeightsFile.Rankings(defaults.lexical(), defaults.hybrid()) : WeightsFile.read(currentFile);
        List<LabelledPair> pairs = labelledPairs(source);
        StringBuilder log = new StringBuilder();
        log.append(String.format(Locale.ROOT, "Labelled pairs from %s: %d (%d positive, %d negative)%n",
                source.startsWith("jdbc:") ? source.replaceAll("password=[^&]*", "password=…") : source, pairs.size(),
                pairs.stream().filter(LabelledPair::positive).count(),
                pairs.stream().filter(p -> !p.positive()).count()));
        log.append("Starting from ").append(currentFile == null ? "the built-in defaults" : currentFile.toString())
                .append(": lexical ").append(current.lexical()).append('\n');

        // The hand-judged set: every candidate of every judged demand, with its stored feature values.
        List<HandJudged.Demand> demands = HandJudged.demands(dir);
        Map<String, String> split = HandJudged.split(dir);
        Map<String, Map<String, Integer>> qrels = HandJudged.qrels(dir);
        List<CslCorpus.Paper> papers = CslCorpus.papers();
        Path work = Files.createTempDirectory("refit");
        Map<String, String> keyOfUuid = HandJudged.keyOfUuid(papers.size());
        Map<String, List<Cand>> candidates = new HashMap<>();
        ScoringConfig probe = defaults.withLexical(current.lexical()).withTopK(defaults.candidates());
        try (MatchIndex index = HandJudgedDense.index(work.resolve("index"), papers, demands, null)) {
            Map<String, Item> items = new HashMap<>();
            for (HandJudged.Demand d : demands) {
                items.put(d.id(), HandJudgedPool.demandItem(d));
            }
            MatchFinder finder = new MatchFinder(index.searchers(), index.analyzer(), probe);
            LocalDate today = LocalDate.now();
            for (HandJudged.Demand d : demands) {
                if (qrels.getOrDefault(d.id(), Map.of()).values().stream().noneMatch(g -> g >= 1)) {
                    continue;
                }
                List<Cand> cands = new ArrayList<>();
                for (Suggestion s : finder.findFor(items.get(d.id()), today)) {
                    Map<Feature, Double> f = new EnumMap<>(Feature.class);
                    s.breakdown().forEach((feature, score) -> f.put(feature, score.value()));
                    cands.add(new Cand(keyOfUuid.get(s.achievement().id().toString()), f));
                }
                candidates.put(d.id(), cands);
            }
        }
        List<String> tune = demands.stream().map(HandJudged.Demand::id).filter(candidates::containsKey)
                .filter(id -> HandJudged.TUNE.equals(split.get(id))).toList();
        List<String> test = demands.stream().map(HandJudged.Demand::id).filter(candidates::containsKey)
                .filter(id -> HandJudged.TEST.equals(split.get(id))).toList();

        WeightsFit.Result fit = WeightsFit.fit(pairs, w -> ndcg(tune, candidates, qrels, w), current.lexical().weights(),
                current.hybrid().weights(), WeightsFit.Options.defaults());
        boolean changed = !fit.lexical().equals(current.lexical().weights());
        Bands lexicalBands = current.lexical().bands();
        if (changed) {
            List<double[]> scored = new ArrayList<>();
            for (String id : tune) {
                for (Cand c : top(candidates.get(id), fit.lexical())) {
                    scored.add(new double[] {c.score(fit.lexical()), qrels.get(id).getOrDefault(c.paper(), 0) >= 1 ? 1 : 0});
                }
            }
            scored.sort(Comparator.comparingDouble((double[] a) -> a[0]).reversed());
            Bands fitted = HandJudgedFit.fitBands(scored);
            lexicalBands = new Bands(round6(fitted.strong()), round6(fitted.possible()));
        }
        // The hybrid bands move as the lexical ones did: an approximation (its scores differ by the small semantic
        // term); exec@handjudged-hybrid-fit refits them with the embedding model.
        Bands hybridBands = current.hybrid().bands();
        if (changed) {
            double shift = lexicalBands.strong() - current.lexical().bands().strong();
            double shiftPossible = lexicalBands.possible() - current.lexical().bands().possible();
            hybridBands = new Bands(round6(clip(hybridBands.strong() + shift)),
                    round6(clip(hybridBands.possible() + shiftPossible)));
        }
        WeightsFile.Rankings refitted = new WeightsFile.Rankings(new Ranking(fit.lexical(), lexicalBands),
                new Ranking(fit.hybrid(), hybridBands));

        log.append(String.format(Locale.ROOT, "Tune split (%d demands, fitted on): nDCG@10 %.4f → %.4f%n", tune.size(),
                fit.judgedBefore(), fit.judgedAfter()));
        log.append(String.format(Locale.ROOT, "Labelled pairs (in sample, weight %.3f): AUC %.4f → %.4f%n",
                fit.labelWeight(), fit.aucBefore(), fit.aucAfter()));
        double testBefore = ndcg(test, candidates, qrels, current.lexical().weights());
        double testAfter = ndcg(test, candidates, qrels, fit.lexical());
        log.append(String.format(Locale.ROOT, "TEST split (%d demands, never fitted on): nDCG@10 %.4f → %.4f (%+.4f)%n",
                test.size(), testBefore, testAfter, testAfter - testBefore));
        if (testAfter < testBefore - 0.02) {
            log.append(String.format(Locale.ROOT, "WARNING: the test split lost %.4f nDCG@10. The decisions disagree "
                    + "with the hand-judged set; read them before deploying this file.%n", testBefore - testAfter));
        }
        log.append("Weights: lexical ").append(current.lexical().weights()).append("\n      → ").append(fit.lexical())
                .append('\n');
        log.append("Lexical bands: ").append(current.lexical().bands()).append(" → ").append(lexicalBands)
                .append(changed ? " (refitted on tune)" : " (weights unchanged: kept)").append('\n');
        log.append("Hybrid: ").append(fit.hybrid()).append(", bands ").append(current.hybrid().bands()).append(" → ")
                .append(hybridBands).append(changed ? " (moved as the lexical bands did; refit them with "
                        + "exec@handjudged-hybrid-fit)" : " (kept)").append('\n');
        WeightsFile.write(out, refitted, List.of(
                "Kechuang matching: scoring weights written by exec@refit at " + OffsetDateTime.now(ZoneOffset.UTC),
                "from " + pairs.size() + " labelled pairs and the hand-judged tune split; "
                        + String.format(Locale.ROOT, "test nDCG@10 %.4f -> %.4f", testBefore, testAfter),
                "The matching service reads it at start-up: kechuang.matching.scoring.weights-file=" + out));
        log.append(String.format(Locale.ROOT, "Wrote %s in %.1f s. Point kechuang.matching.scoring.weights-file "
                + "(KECHUANG_MATCHING_SCORING_WEIGHTS_FILE) at it and restart the matching service.%n", out,
                (System.nanoTime() - started) / 1e9));
        System.out.print(log);
    }

    private static double clip(double x) {
        return Math.max(0, Math.min(1, x));
    }

    private static double round6(double x) {
        return Math.round(x * 1e6) / 1e6;
    }

    /** Mean nDCG@10 of the demands' candidates re-ranked under the weights (the top {@value #DEPTH}). */
    static double ndcg(List<String> demands, Map<String, List<Cand>> candidates, Map<String, Map<String, Integer>> qrels,
            Weights w) {
        return demands.stream().mapToDouble(id -> Metrics.ndcg(top(candidates.get(id), w).stream().map(Cand::paper)
                .toList(), qrels.get(id), 10)).average().orElse(Double.NaN);
    }

    private static List<Cand> top(List<Cand> cands, Weights w) {
        return cands.stream().sorted(Comparator.comparingDouble((Cand c) -> c.score(w)).reversed()).limit(DEPTH)
                .toList();
    }

    /** From the database (JDBC URL), from export files, or none. */
    static List<LabelledPair> labelledPairs(String source) throws Exception {
        if (source.isBlank() || source.equals("none")) {
            return List.of();
        }
        if (source.startsWith("jdbc:")) {
            try (Connection c = DriverManager.getConnection(source)) {
                c.setReadOnly(true);
                return LabelledPairs.all(c);
            }
        }
        List<LabelledPair> out = new ArrayList<>();
        for (String name : source.split(",")) {
            // Any sequence of JSON values: export pages ({"items": […]}), arrays, or one labelled pair a line.
            try (var values = JSON.readerFor(JsonNode.class).<JsonNode>readValues(
                    Files.readString(Path.of(name.trim()), StandardCharsets.UTF_8))) {
                while (values.hasNext()) {
                    JsonNode node = values.next();
                    JsonNode items = node.isArray() ? node : node.has("items") ? node.get("items") : null;
                    if (items == null) {
                        out.add(JSON.treeToValue(node, LabelledPair.class));
                    } else {
                        for (JsonNode item : items) {
                            out.add(JSON.treeToValue(item, LabelledPair.class));
                        }
                    }
                }
            }
        }
        return out;
    }

    private RefitRanking() {
    }
}
