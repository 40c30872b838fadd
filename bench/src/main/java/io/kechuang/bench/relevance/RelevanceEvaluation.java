package io.kechuang.bench.relevance;

import io.kechuang.bench.pgfts.BenchPostgres;
import io.kechuang.bench.pgfts.PgFullText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;

/**
 * Relevance of the matching service against PostgreSQL full-text search and plain Lucene BM25 on the CSL papers, in
 * one run, on the test collections of {@link Evaluated}: nDCG@10, Recall@20 and MRR per method with 95 % percentile
 * bootstrap intervals over queries, and the paired difference of nDCG@10 against the matching service.
 *
 * <p>Usage: {@code RelevanceEvaluation <work folder> [resamples, default 2000] [trigram thresholds, comma-separated, default 0.3]}
 */
public final class RelevanceEvaluation {

    private static final int K = 20;
    private static final long SEED = 20261122L;

    @FunctionalInterface
    interface Method {
        List<String> rank(Evaluated.Query q) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        int resamples = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        double[] trigramThresholds = java.util.Arrays.stream((args.length > 2 ? args[2] : "0.3").split(","))
                .mapToDouble(Double::parseDouble).toArray();
        delete(work);
        Files.createDirectories(work);
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "relevance run %s, %d cores, %s %s, %d bootstrap resamples (seed %d), "
                + "pg_trgm.word_similarity_threshold %s, matcher minTextRelevance %s%n", OffsetDateTime.now(ZoneOffset.UTC),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), resamples, SEED, Arrays.toString(trigramThresholds),
                ServiceMatching.minTextRelevance()));
        try (BenchPostgres pg = BenchPostgres.start(work.resolve("postgres"))) {
            for (Evaluated.Collection collection : Evaluated.all()) {
                evaluate(collection, pg, work, resamples, trigramThresholds, report);
            }
        }
        System.out.println();
        System.out.println(report);
        Files.writeString(work.getParent().resolve("relevance-report.md"), report);
        delete(work);
    }

    private static void evaluate(Evaluated.Collection collection, BenchPostgres pg, Path work, int resamples,
            double[] trigramThresholds, StringBuilder report) throws Exception {
        double avgRelevant = collection.queries().stream().mapToLong(q -> q.qrels().values().stream()
                .filter(g -> g > 0).count()).average().orElse(0);
        long withOnlySource = collection.queries().stream().filter(q -> q.qrels().size() == 1).count();
        report.append(String.format(Locale.ROOT, "%n### Collection `%s`: %d documents, %d queries, %.1f relevant per "
                + "query on average (%d queries have only the source)%n%n", collection.name(), collection.docs().size(),
                collection.queries().size(), avgRelevant, withOnlySource));

        Map<String, Method> methods = new LinkedHashMap<>();
        Connection c = pg.connect();
        PgFullText.createTable(c);
        List<PgFullText.Doc> rows = collection.docs().stream().map(d -> new PgFullText.Doc(UUID.fromString(d.id()),
                d.title(), String.join("；", d.keywords()), d.body())).toList();
        PgFullText.insert(c, rows);
        PgFullText.createIndex(c, PgFullText.Variant.BIGRAM_TSVECTOR);
        PgFullText.createIndex(c, PgFullText.Variant.TRIGRAM);
        PgFullText.analyze(c);
        PgFullText.Searcher bigram = new PgFullText.Searcher(c, PgFullText.Variant.BIGRAM_TSVECTOR);
        methods.put("PostgreSQL FTS, bigram tsvector + ts_rank", q -> ids(bigram.search(q.fullText(), K)));
        List<Connection> trigramConnections = new ArrayList<>();
        for (double threshold : trigramThresholds) {
            Connection tc = pg.connect();
            trigramConnections.add(tc);
            PgFullText.setTrigramThreshold(tc, threshold);
            PgFullText.Searcher trigram = new PgFullText.Searcher(tc, PgFullText.Variant.TRIGRAM);
            methods.put(String.format(Locale.ROOT, "PostgreSQL pg_trgm, word_similarity ≥ %.2f", threshold),
                    q -> ids(trigram.search(q.fullText(), K)));
        }
        LuceneBm25 smartcn = new LuceneBm25(new SmartChineseAnalyzer(), collection.docs());
        LuceneBm25 cjk = new LuceneBm25(new CJKAnalyzer(), collection.docs());
        methods.put("Lucene BM25, SmartCN only", q -> smartcn.search(q.fullText(), K));
        methods.put("Lucene BM25, CJK bigrams only", q -> cjk.search(q.fullText(), K));
        ServiceMatching service = new ServiceMatching(work.resolve(collection.name() + "-service"), collection, false);
        ServiceMatching serviceWithField = new ServiceMatching(work.resolve(collection.name() + "-service-field"),
                collection, true);
        String serviceName = "**Matching service** (`MatchFinder.findFor`), demand without field";
        methods.put(serviceName, service::match);
        methods.put("Matching service, demand states its technical field", serviceWithField::match);

        Map<String, double[]> ndcgByMethod = new LinkedHashMap<>();
        report.append("| method | nDCG@10 [95 % CI] | Recall@20 [95 % CI] | MRR@20 [95 % CI] | source at rank 1 | "
                + "avg results | mean ms/query |\n|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, Method> m : methods.entrySet()) {
            int n = collection.queries().size();
            double[] ndcg = new double[n];
            double[] recall = new double[n];
            double[] mrr = new double[n];
            int sourceFirst = 0;
            long results = 0;
            long nanos = 0;
            for (int i = 0; i < n; i++) {
                Evaluated.Query q = collection.queries().get(i);
                long t0 = System.nanoTime();
                List<String> ranking = m.getValue().rank(q);
                nanos += System.nanoTime() - t0;
                results += ranking.size();
                ndcg[i] = Metrics.ndcg(ranking, q.qrels(), 10);
                recall[i] = Metrics.recall(ranking, q.qrels(), K);
                mrr[i] = Metrics.reciprocalRank(ranking, q.qrels(), 1, K);
                if (!ranking.isEmpty() && ranking.getFirst().equals(q.sourceId())) {
                    sourceFirst++;
                }
            }
            ndcgByMethod.put(m.getKey(), ndcg);
            report.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.1f %% | %.1f | %.1f |%n", m.getKey(),
                    format(Metrics.bootstrap(ndcg, resamples, SEED)), format(Metrics.bootstrap(recall, resamples, SEED)),
                    format(Metrics.bootstrap(mrr, resamples, SEED)), 100.0 * sourceFirst / n, results / (double) n,
                    nanos / 1e6 / n));
            System.out.print(report.substring(report.lastIndexOf("| ", report.length() - 3) > 0
                    ? report.lastIndexOf("\n", report.length() - 2) + 1 : 0));
        }
        double[] reference = ndcgByMethod.get(serviceName);
        report.append("\nPaired difference of nDCG@10, matching service (without field) minus each method, 95 % CI:");
        for (Map.Entry<String, double[]> e : ndcgByMethod.entrySet()) {
            if (e.getKey().equals(serviceName)) {
                continue;
            }
            double[] diff = new double[reference.length];
            for (int i = 0; i < diff.length; i++) {
                diff[i] = reference[i] - e.getValue()[i];
            }
            report.append(String.format(Locale.ROOT, "%n- vs %s: %s", e.getKey(), format(Metrics.bootstrap(diff, resamples, SEED))));
        }
        report.append('\n');
        bigram.close();
        for (Connection tc : trigramConnections) {
            tc.close();
        }
        c.close();
        smartcn.close();
        cjk.close();
        service.close();
        serviceWithField.close();
    }

    private static List<String> ids(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }

    private static String format(Metrics.Estimate e) {
        return String.format(Locale.ROOT, "%+.3f [%+.3f, %+.3f]", e.mean(), e.low(), e.high()).replace("+", "");
    }

    static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private RelevanceEvaluation() {
    }
}
