package io.kechuang.bench.relevance.handjudged;

import io.kechuang.bench.relevance.Metrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Relevance of every ranker on the hand-judged set, in one run: nDCG@10 (gain 2^grade − 1), P@5 and Recall@20
 * (grade ≥ 1 is relevant) and MRR (first grade ≥ 1 within the top 20), each with a 95 % percentile bootstrap
 * interval over demands, per split (all, tune, test) and language (all, zh, en), per trait (cross-field, vague), and
 * the paired difference of nDCG@10 against the baseline (plain BM25 over CJK bigrams unless told otherwise).
 *
 * <p>Works on whatever judgements exist: a demand is used when its {@code qrels/<demand>.tsv} passes
 * {@link QrelsCheck} (covers its pool exactly, reasons present); others are skipped and counted. A demand whose
 * judged pool holds no relevant paper is reported but left out of the means (every metric would be 0 for every
 * ranker). Papers a run ranks that were never judged count as not relevant; the {@code judged@10} column shows how
 * much of a run's top 10 was judged, which matters for a ranker that did not contribute to the pools.
 *
 * <p>Usage: {@code HandJudgedEvaluation [folder] [resamples, default 2000] [baseline ranker, default bm25-cjk]
 * [report file] [more run folders…]}; the runs are {@code runs/*.tsv} of the folder plus the {@code *.tsv} of each
 * further folder (same format).
 */
public final class HandJudgedEvaluation {

    public static final long SEED = 20261224L;
    private static final int K_NDCG = 10;
    private static final int K_PRECISION = 5;
    private static final int K_RECALL = 20;

    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : HandJudged.DEFAULT_DIR;
        int resamples = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        String baseline = args.length > 2 ? args[2] : "bm25-cjk";
        Path reportFile = args.length > 3 ? Path.of(args[3]) : Path.of("target/handjudged-report.md");
        Map<String, HandJudged.Run> runs = new LinkedHashMap<>(HandJudged.runs(dir));
        for (int i = 4; i < args.length; i++) {
            if (args[i].isBlank() || !Files.isDirectory(Path.of(args[i]))) {
                continue;
            }
            try (var files = Files.list(Path.of(args[i]))) {
                for (Path p : files.filter(f -> f.toString().endsWith(".tsv")).sorted().toList()) {
                    HandJudged.Run run = HandJudged.run(p);
                    runs.put(run.name(), run);
                }
            }
        }
        String report = report(dir, runs, resamples, baseline);
        System.out.println(report);
        if (reportFile.getParent() != null) {
            Files.createDirectories(reportFile.getParent());
        }
        Files.writeString(reportFile, report, StandardCharsets.UTF_8);
    }

    /** One demand with its judgements, as evaluated. */
    record Judged(HandJudged.Demand demand, String part, Map<String, Integer> qrels) {
        long relevant() {
            return qrels.values().stream().filter(g -> g >= 1).count();
        }
    }

    public static String report(Path dir, Map<String, HandJudged.Run> runs, int resamples, String baseline) {
        List<HandJudged.Demand> demands = HandJudged.demands(dir);
        Map<String, String> split = HandJudged.split(dir);
        Set<String> known = demands.stream().map(HandJudged.Demand::id).collect(Collectors.toSet());
        Map<String, Map<String, Integer>> qrels = HandJudged.qrels(dir);

        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "## Hand-judged relevance, %s%n%n", OffsetDateTime.now(ZoneOffset.UTC)));
        List<Judged> used = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        List<String> noRelevant = new ArrayList<>();
        int withoutQrels = 0;
        for (HandJudged.Demand d : demands) {
            if (!Files.exists(dir.resolve("qrels").resolve(d.id() + ".tsv"))) {
                withoutQrels++;
                continue;
            }
            if (!QrelsCheck.problems(dir, d.id(), known).isEmpty()) {
                incomplete.add(d.id());
                continue;
            }
            Judged j = new Judged(d, split.get(d.id()), qrels.getOrDefault(d.id(), Map.of()));
            if (j.relevant() == 0) {
                noRelevant.add(d.id());
            } else {
                used.add(j);
            }
        }
        out.append(String.format(Locale.ROOT, "%d demands; %d without qrels, %d with qrels that fail QrelsCheck "
                + "(skipped%s), %d whose pool holds no relevant paper (left out%s); **%d evaluated** (%d tune, %d test; "
                + "%d zh, %d en). %d bootstrap resamples, seed %d. Baseline of the paired differences: `%s`.%n",
                demands.size(), withoutQrels, incomplete.size(), list(incomplete), noRelevant.size(), list(noRelevant),
                used.size(), count(used, j -> j.part().equals(HandJudged.TUNE)),
                count(used, j -> j.part().equals(HandJudged.TEST)), count(used, j -> !j.demand().english()),
                count(used, j -> j.demand().english()), resamples, SEED, baseline));
        if (used.isEmpty()) {
            out.append("\nNothing to evaluate yet: no demand has complete judgements with a relevant paper.\n");
            return out.toString();
        }
        out.append(String.format(Locale.ROOT, "Relevant (grade ≥ 1) per evaluated demand: mean %.1f; grade 2: mean %.1f.%n",
                used.stream().mapToLong(Judged::relevant).average().orElse(0),
                used.stream().mapToLong(j -> j.qrels().values().stream().filter(g -> g == 2).count()).average().orElse(0)));

        Map<String, Predicate<Judged>> parts = new LinkedHashMap<>();
        parts.put("all", j -> true);
        parts.put("tune", j -> j.part().equals(HandJudged.TUNE));
        parts.put("test", j -> j.part().equals(HandJudged.TEST));
        Map<String, Predicate<Judged>> languages = new LinkedHashMap<>();
        languages.put("all languages", j -> true);
        languages.put("zh", j -> !j.demand().english());
        languages.put("en", j -> j.demand().english());
        for (Map.Entry<String, Predicate<Judged>> part : parts.entrySet()) {
            for (Map.Entry<String, Predicate<Judged>> language : languages.entrySet()) {
                List<Judged> group = used.stream().filter(part.getValue().and(language.getValue())).toList();
                table(out, "Split " + part.getKey() + ", " + language.getKey(), group, runs, resamples, baseline);
            }
        }
        for (String trait : List.of("cross-field", "vague")) {
            for (Map.Entry<String, Predicate<Judged>> part : parts.entrySet()) {
                List<Judged> group = used.stream().filter(part.getValue())
                        .filter(j -> j.demand().traits().contains(trait)).toList();
                table(out, "Trait " + trait + ", split " + part.getKey(), group, runs, resamples, baseline);
            }
        }
        return out.toString();
    }

    private static void table(StringBuilder out, String title, List<Judged> group, Map<String, HandJudged.Run> runs,
            int resamples, String baseline) {
        out.append(String.format(Locale.ROOT, "%n### %s: %d demands%n%n", title, group.size()));
        if (group.isEmpty()) {
            out.append("(none)\n");
            return;
        }
        out.append("| ranker | nDCG@10 [95 % CI] | P@5 [95 % CI] | Recall@20 [95 % CI] | MRR [95 % CI] | results | judged@10 |\n"
                + "|---|---|---|---|---|---|---|\n");
        Map<String, double[]> ndcgs = new TreeMap<>();
        for (HandJudged.Run run : runs.values()) {
            if (!group.stream().allMatch(j -> run.appliesTo(j.demand()))) {
                continue;
            }
            int n = group.size();
            double[] ndcg = new double[n];
            double[] precision = new double[n];
            double[] recall = new double[n];
            double[] mrr = new double[n];
            long results = 0;
            long judged = 0;
            long top = 0;
            for (int i = 0; i < n; i++) {
                Judged j = group.get(i);
                List<String> ranking = run.ranking(j.demand().id());
                ndcg[i] = Metrics.ndcg(ranking, j.qrels(), K_NDCG);
                precision[i] = Metrics.precision(ranking, j.qrels(), 1, K_PRECISION);
                recall[i] = Metrics.recall(ranking, j.qrels(), K_RECALL);
                mrr[i] = Metrics.reciprocalRank(ranking, j.qrels(), 1, K_RECALL);
                results += ranking.size();
                for (String paper : ranking.stream().limit(K_NDCG).toList()) {
                    top++;
                    if (j.qrels().containsKey(paper)) {
                        judged++;
                    }
                }
            }
            ndcgs.put(run.name(), ndcg);
            out.append(String.format(Locale.ROOT, "| `%s` | %s | %s | %s | %s | %.1f | %s |%n", run.name(),
                    format(Metrics.bootstrap(ndcg, resamples, SEED)), format(Metrics.bootstrap(precision, resamples, SEED)),
                    format(Metrics.bootstrap(recall, resamples, SEED)), format(Metrics.bootstrap(mrr, resamples, SEED)),
                    results / (double) n, top == 0 ? "–" : String.format(Locale.ROOT, "%.0f %%", 100.0 * judged / top)));
        }
        double[] reference = ndcgs.get(baseline);
        if (reference != null && ndcgs.size() > 1) {
            out.append("\nPaired difference of nDCG@10, each ranker minus `" + baseline + "`, 95 % CI:\n");
            for (Map.Entry<String, double[]> e : ndcgs.entrySet()) {
                if (e.getKey().equals(baseline)) {
                    continue;
                }
                double[] diff = new double[reference.length];
                for (int i = 0; i < diff.length; i++) {
                    diff[i] = e.getValue()[i] - reference[i];
                }
                out.append(String.format(Locale.ROOT, "- `%s`: %s%n", e.getKey(),
                        format(Metrics.bootstrap(diff, resamples, SEED))));
            }
        }
    }

    private static long count(List<Judged> judged, Predicate<Judged> p) {
        return judged.stream().filter(p).count();
    }

    private static String list(List<String> ids) {
        return ids.isEmpty() ? "" : ": " + String.join(", ", ids);
    }

    private static String format(Metrics.Estimate e) {
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", e.mean(), e.low(), e.high());
    }

    private HandJudgedEvaluation() {
    }
}
